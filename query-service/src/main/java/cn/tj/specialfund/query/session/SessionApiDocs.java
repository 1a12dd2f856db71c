package cn.tj.specialfund.query.session;

import cn.tj.specialfund.support.openapi.ApiDocs;
import cn.tj.specialfund.support.openapi.EndpointDoc;
import org.springframework.stereotype.Component;

import java.util.List;

/** GET /api/me in the API document. */
@Component
class SessionApiDocs implements ApiDocs {

    @Override
    public List<EndpointDoc> endpoints() {
        return List.of(EndpointDoc.get("/api/me").summary("当前登录的用户")
                .description("{user, roles, district, displayName}：district 仅区主管部门有（其所属区），其他角色为 null；"
                        + "displayName 为角色的中文名（区主管部门为「西青区主管部门」等）。看板据此只显示该角色可用的页面。")
                .success(200, "当前用户").build());
    }
}
