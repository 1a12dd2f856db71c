package cn.tj.specialfund.support.security;

import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The users of the {@code demo} profile (contract §5): one per role, and one officer per district. */
final class DemoUsers {

    private DemoUsers() {
    }

    static List<LedgerUser> all() {
        List<LedgerUser> users = new ArrayList<>(List.of(
                user("manager", "manager", Role.PROGRAM_MANAGER),
                user("reviewer", "reviewer", Role.REVIEWER),
                user("finance", "finance", Role.FINANCE),
                user("auditor", "auditor", Role.AUDITOR),
                user("admin", "admin", Role.ADMIN),
                user("metrics", "metrics", Role.METRICS)));
        for (District district : District.values()) {
            users.add(new LedgerUser("district-" + district.name().toLowerCase(Locale.ROOT), "{noop}district",
                    Role.DISTRICT_OFFICER, district));
        }
        return users;
    }

    private static LedgerUser user(String username, String password, Role role) {
        return new LedgerUser(username, "{noop}" + password, role, null);
    }
}
