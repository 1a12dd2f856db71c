package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.query.web.QueryApiTexts;
import cn.tj.specialfund.support.openapi.ApiDocs;
import cn.tj.specialfund.support.openapi.EndpointDoc;
import org.springframework.stereotype.Component;

import java.util.List;

import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVALID_FIELD;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.NOT_FOUND;
import static cn.tj.specialfund.coreapi.value.Role.ADMIN;
import static cn.tj.specialfund.coreapi.value.Role.AUDITOR;
import static cn.tj.specialfund.coreapi.value.Role.DISTRICT_OFFICER;
import static cn.tj.specialfund.coreapi.value.Role.PROGRAM_MANAGER;

/**
 * The search of applications (the controller answers JSON or CSV, so its JSON is named here) and one application's
 * proof bundle in the API document.
 */
@Component
class ApplicationApiDocs implements ApiDocs {

    @Override
    public List<EndpointDoc> endpoints() {
        return List.of(EndpointDoc.get("/api/applications").summary("查找申报（分页）")
                .description(QueryApiTexts.APPLICATIONS)
                .problems(INVALID_FIELD).query("direction", "1.1").query("district", "XIQING").query("q", "齿轮")
                .query("page", "0").query("size", "50")
                .produces("text/csv").responseType(ApplicationPage.class)
                .success(200, "一页申报与总数").build(),
                EndpointDoc.get("/api/applications/{id}/proof-bundle").summary("一个申报的证明包（离线校验）")
                        .description("该申报的全部事件（导出行：leafIndex、leafHash、signature、canonical）、每个事件在最新签名检查点之树中的"
                                + "包含证明（检查点之后的事件为 null）、该检查点及其树大小；离线校验器的 bundle 命令校验它"
                                + "（docs/tamper-evidence.md）。以附件 proof-bundle-<id>.json 返回。")
                        .roles(AUDITOR, PROGRAM_MANAGER, ADMIN, DISTRICT_OFFICER).rolesNote("区主管部门仅限本区的申报")
                        .problems(NOT_FOUND).success(200, "证明包").build());
    }
}
