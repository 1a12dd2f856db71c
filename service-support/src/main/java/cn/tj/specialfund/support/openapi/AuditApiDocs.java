package cn.tj.specialfund.support.openapi;

import java.util.List;

import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVALID_FIELD;
import static cn.tj.specialfund.coreapi.value.Role.ADMIN;
import static cn.tj.specialfund.coreapi.value.Role.AUDITOR;

/**
 * The tamper-evidence endpoints of contract §9 as the API document describes them. Kept with the document's
 * plumbing because they are the same on whichever process maps them; an entry describes an endpoint only where a
 * controller maps it.
 */
final class AuditApiDocs implements ApiDocs {

    private static final String TREE = "RFC 9162 默克尔树：叶 = SHA-256(0x00 ‖ 事件的规范字节)，节点 = SHA-256(0x01 ‖ 左 ‖ 右)。";

    @Override
    public List<EndpointDoc> endpoints() {
        return List.of(
                EndpointDoc.get("/api/audit/checkpoint").summary("最新签名检查点")
                        .description("C2SP tlog-checkpoint 签名注记（origin tianjin-special-fund-2020、树大小、base64 根哈希，Ed25519 签名），"
                                + "审计方保存它，以后用离线校验器证明历史未被改写。" + TREE)
                        .produces("text/plain").success(200, "签名检查点（text/plain）").build(),
                EndpointDoc.get("/api/audit/proof/inclusion").summary("包含证明")
                        .description("leafIndex 号叶在大小为 treeSize 的树中的包含证明：{leafIndex, treeSize, leafHash, path: [base64…]}。" + TREE)
                        .problems(INVALID_FIELD).query("leafIndex", "0").query("treeSize", "1")
                        .success(200, "包含证明").build(),
                EndpointDoc.get("/api/audit/proof/consistency").summary("一致性证明")
                        .description("大小为 from 的树是大小为 to 的树的前缀的证明：{from, to, path: [base64…]}。" + TREE)
                        .problems(INVALID_FIELD).query("from", "1").query("to", "1")
                        .success(200, "一致性证明").build(),
                EndpointDoc.get("/api/audit/key").summary("公钥")
                        .description("检查点与事件签名的公钥，签名注记校验密钥格式 <name>+<hash>+<base64(0x01 ‖ key)>："
                                + "{checkpointKey, eventKey}。")
                        .success(200, "公钥").build(),
                EndpointDoc.get("/api/audit/export").summary("导出全部事件（离线校验）")
                        .description("每个叶的规范事件一行 JSON（JSON Lines）：leafIndex、leafHash、signature、canonical（被哈希的确切字节，base64）。")
                        .roles(AUDITOR, ADMIN).problems(INVALID_FIELD).query("treeSize", "1")
                        .produces("application/x-ndjson").success(200, "JSON Lines").build(),
                EndpointDoc.get("/api/audit/verify").summary("自检：事件表对照默克尔树与签名")
                        .description("{verified, treeSize, checkedAt, problems: [{kind: ALTERED|MISSING|INSERTED|REORDERED|UNSIGNED, "
                                + "leafIndex, eventId, aggregateId, sequence}]}；也定期运行，结果为 Prometheus 指标。")
                        .roles(AUDITOR, ADMIN).success(200, "自检结果").build());
    }
}
