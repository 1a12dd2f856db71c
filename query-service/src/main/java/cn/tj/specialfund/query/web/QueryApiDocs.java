package cn.tj.specialfund.query.web;

import cn.tj.specialfund.support.openapi.ApiDocs;
import cn.tj.specialfund.support.openapi.EndpointDoc;
import org.springframework.stereotype.Component;

import java.util.List;

import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVALID_FIELD;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.NOT_FOUND;
import static cn.tj.specialfund.coreapi.value.Role.ADMIN;
import static cn.tj.specialfund.coreapi.value.Role.AUDITOR;
import static cn.tj.specialfund.coreapi.value.Role.DISTRICT_OFFICER;
import static cn.tj.specialfund.coreapi.value.Role.FINANCE;
import static cn.tj.specialfund.coreapi.value.Role.PROGRAM_MANAGER;

/** The queries of contract §4, §6, §7 and §8 as the API document describes them (the finance ledger and the list beside their controllers). */
@Component
class QueryApiDocs implements ApiDocs {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String ID = "/api/applications/{id}";
    private static final String OWN_DISTRICT = "区主管部门只能看到本区的申报（其他区的 → 403 FORBIDDEN）";

    @Override
    public List<EndpointDoc> endpoints() {
        return List.of(
                EndpointDoc.get("/api/reference").summary("参考数据")
                        .description("§6 的全部参考数据：12 个支持方向（编码、指南中的名称、支持项目数上限）、16 个区（编码与中文名）、"
                                + "支出类别（是否不予支持）、申报材料（何时必备）、支持档次（比例与封顶金额）。")
                        .success(200, "参考数据").build(),
                EndpointDoc.get("/api/dashboard/directions").summary("各支持方向的漏斗与金额")
                        .description("按方向编码排序；漏斗计数为累计（曾到达该状态）；awarded 含 AWARDED 与 TOPPED_UP；cap 无上限时为 null；"
                                + "totals 为全市合计。所有角色看到全市数字。")
                        .success(200, "各方向与合计").build(),
                EndpointDoc.get("/api/dashboard/caps").summary("有上限方向的剩余名额与候选项目")
                        .description("候选 = SCORED 的申报，得分从高到低，至多 limit 个（默认 20，1–200）；candidateCount 为全部候选数。"
                                + "区主管部门只看到本区的候选（candidateCount 也只计本区）。")
                        .problems(INVALID_FIELD).query("limit", "20")
                        .success(200, "各有上限方向").build(),
                EndpointDoc.get("/api/dashboard/districts").summary("各区奖补与配套义务")
                        .description("按 §6 的顺序；matchingObligation = 奖补与追加中区级分担之和；pendingExposure = 已通过区级审核或已评审、"
                                + "尚未决定的申报按 min(申请额, 可申报档次上限) 计的区级分担。")
                        .success(200, "各区").build(),
                EndpointDoc.get(ID).summary("一个申报的当前状态")
                        .description("金额无则为 0.00；municipalPaid、districtPaid 为各分担已拨付的金额（§8）。" + OWN_DISTRICT + "。")
                        .problems(NOT_FOUND).success(200, "申报").build(),
                EndpointDoc.get(ID + "/history").summary("一个申报的事件历史（审计）")
                        .description("该申报的全部事件，从旧到新：sequence、type、timestamp（UTC）、actor、correlationId、payload。")
                        .roles(AUDITOR, PROGRAM_MANAGER, ADMIN, DISTRICT_OFFICER).rolesNote("区主管部门仅限本区的申报")
                        .problems(NOT_FOUND).success(200, "事件，从旧到新").build(),
                EndpointDoc.get(ID + "/as-of").summary("一个申报在某一时刻的状态")
                        .description("由事件重算该申报在 at 时刻（含恰在 at 的事件）的状态，与当前状态同形；at 时尚不存在 → 404。"
                                + "at 为带时区偏移的 ISO-8601 时刻，年份 1970–9999。" + OWN_DISTRICT + "。")
                        .problems(INVALID_FIELD, NOT_FOUND).query("at", "2021-01-16T00:00:00Z")
                        .success(200, "该时刻的申报").build(),
                EndpointDoc.get("/api/finance/disbursements").summary("拨付与区级配套到位（§8）")
                        .description(QueryApiTexts.DISBURSEMENTS)
                        .roles(FINANCE, PROGRAM_MANAGER, AUDITOR, ADMIN, DISTRICT_OFFICER)
                        .rolesNote("区主管部门只得到本区的数字与记录，district= 其他区 → 403")
                        .problems(INVALID_FIELD).query("direction", "1.1").query("district", "XIQING")
                        .query("entriesPage", "0").query("entriesSize", "100")
                        .produces("text/csv", XLSX).success(200, "拨付汇总与一页拨付记录").build(),
                EndpointDoc.post("/api/admin/projections/rebuild").summary("重建全部读模型")
                        .description("在后台由事件日志重建每个读模型，期间服务照常应答；进度见 status。已在重建时返回当前进度。")
                        .roles(ADMIN).success(202, "已开始：当前进度").build(),
                EndpointDoc.get("/api/admin/projections/status").summary("重建进度与死信")
                        .description("state 为 IDLE 或 REBUILDING，processedEvents、totalEvents、startedAt、finishedAt（IDLE 时为上次重建的），"
                                + "deadLetters：各读模型被搁置的事件数（§7）。")
                        .roles(ADMIN).success(200, "进度").build(),
                EndpointDoc.post("/api/admin/projections/dead-letters/retry").summary("重试死信")
                        .description("每个被搁置的事件重新应用一次；仍失败的继续搁置。")
                        .roles(ADMIN).success(202, "已重试：applied 与剩余死信数").build(),
                EndpointDoc.get("/api/admin/projections/verify").summary("校验读模型")
                        .description("每个读模型与事件日志到 position 为止的独立重算相比较：consistent、position、checkedAt、"
                                + "differences（readModel、key、live、fromLog）。也定期运行，结果为 Prometheus 指标。")
                        .roles(ADMIN, AUDITOR)
                        .problem(409, "REBUILD_IN_PROGRESS", "读模型正在重建，重建完成后再校验")
                        .success(200, "校验结果").build());
    }
}
