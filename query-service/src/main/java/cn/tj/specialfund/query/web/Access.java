package cn.tj.specialfund.query.web;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.support.security.CurrentActor;
import cn.tj.specialfund.support.security.LedgerUser;

import java.util.Arrays;
import java.util.Optional;

/** Who may read what (contract §5). Callers check existence first: 404 comes before 403. */
public final class Access {

    /** A district officer asked for another district's applications. */
    public static final Detail OTHER_DISTRICT = new Detail("区主管部门只能查看本区的申报项目",
            "a district officer sees only their own district");

    private Access() {
    }

    public static void requireRole(Role... allowed) {
        Role role = CurrentActor.user().role();
        if (Arrays.stream(allowed).noneMatch(r -> r == role)) {
            throw new RuleViolation(ErrorCode.FORBIDDEN, new Detail("当前角色无权查看此内容", "your role may not read this"));
        }
    }

    /** A district officer sees only their own district's applications; every other role sees all. */
    public static void requireDistrictVisible(District district) {
        LedgerUser user = CurrentActor.user();
        if (user.role() == Role.DISTRICT_OFFICER && user.district() != district) {
            throw new RuleViolation(ErrorCode.FORBIDDEN, OTHER_DISTRICT);
        }
    }

    /** History: auditors, program managers, admins, and the officer of the application's district. */
    public static void requireHistoryVisible(District district) {
        LedgerUser user = CurrentActor.user();
        boolean allowed = switch (user.role()) {
            case AUDITOR, PROGRAM_MANAGER, ADMIN -> true;
            case DISTRICT_OFFICER -> user.district() == district;
            default -> false;
        };
        if (!allowed) {
            throw new RuleViolation(ErrorCode.FORBIDDEN, new Detail("当前角色无权查看该申报项目的历史记录",
                    "your role may not read the history of this application"));
        }
    }

    /** The district a list must be limited to, if the user is a district officer. */
    public static Optional<District> ownDistrict() {
        LedgerUser user = CurrentActor.user();
        return user.role() == Role.DISTRICT_OFFICER ? Optional.of(user.district()) : Optional.empty();
    }
}
