package cn.tj.specialfund.support.security;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.support.web.ProblemHandler;
import cn.tj.specialfund.coreapi.value.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated user of the current request, as the domain sees it. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Actor get() {
        return user().actor();
    }

    public static LedgerUser user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof LedgerUser user)) {
            throw new RuleViolation(ErrorCode.UNAUTHENTICATED, ProblemHandler.UNAUTHENTICATED);
        }
        return user;
    }
}
