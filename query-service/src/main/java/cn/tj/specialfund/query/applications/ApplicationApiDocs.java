package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.query.web.QueryApiTexts;
import cn.tj.specialfund.support.openapi.ApiDocs;
import cn.tj.specialfund.support.openapi.EndpointDoc;
import org.springframework.stereotype.Component;

import java.util.List;

import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVALID_FIELD;

/** The search of applications in the API document: the controller answers JSON or CSV, so its JSON is named here. */
@Component
class ApplicationApiDocs implements ApiDocs {

    @Override
    public List<EndpointDoc> endpoints() {
        return List.of(EndpointDoc.get("/api/applications").summary("查找申报（分页）")
                .description(QueryApiTexts.APPLICATIONS)
                .problems(INVALID_FIELD).query("direction", "1.1").query("district", "XIQING").query("q", "齿轮")
                .query("page", "0").query("size", "50")
                .produces("text/csv").responseType(ApplicationPage.class)
                .success(200, "一页申报与总数").build());
    }
}
