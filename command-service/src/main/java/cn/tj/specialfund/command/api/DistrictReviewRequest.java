package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.InputLimits.Text;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

/**
 * Body of {@code POST /api/applications/{id}/district-review}. A rejection needs no matching commitment;
 * an approval without {@code "matchingCommitted": true} is refused by the rules (422), not as malformed.
 */
record DistrictReviewRequest(Decision decision, Boolean matchingCommitted, String comment) {

    enum Decision { APPROVE, REJECT }

    DistrictReviewRequest {
        if (decision == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD,
                    new Detail("审核结论（decision）为必填项（APPROVE 通过或 REJECT 不通过）",
                            "decision is required (APPROVE or REJECT)"), "/decision");
        }
        Text.COMMENT.check("/comment", comment);
    }

    boolean committed() {
        return Boolean.TRUE.equals(matchingCommitted);
    }
}
