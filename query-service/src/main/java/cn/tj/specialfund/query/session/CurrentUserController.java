package cn.tj.specialfund.query.session;

import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.support.security.CurrentActor;
import cn.tj.specialfund.support.security.LedgerUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * GET /api/me: who is logged in, so that the dashboard shows each role its own views and a district officer
 * its district. Any authenticated user of the API; the answer is about the caller only.
 */
@RestController
class CurrentUserController {

    /** {@code district} is the district a district officer acts for, null for every other role. */
    record CurrentUser(String user, List<Role> roles, District district, String displayName) {
    }

    @GetMapping("/api/me")
    CurrentUser me() {
        LedgerUser user = CurrentActor.user();
        District district = user.role() == Role.DISTRICT_OFFICER ? user.district() : null;
        // 西青区 + 主管部门: the district's own authority, as the guide names it (区主管部门)
        String displayName = district == null ? user.role().displayName() : district.displayName() + "主管部门";
        return new CurrentUser(user.username(), List.of(user.role()), district, displayName);
    }
}
