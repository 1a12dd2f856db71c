package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

/** The applying enterprise: its name, unified social credit code and district. */
public record Applicant(String name, CreditCode creditCode, District district) {
    public Applicant {
        if (name == null || name.isBlank()) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, "applicant.name is required", "/applicant/name");
        }
        if (creditCode == null) {
            throw new RuleViolation(ErrorCode.INVALID_CREDIT_CODE, "applicant.creditCode is required",
                    "/applicant/creditCode");
        }
        if (district == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, "applicant.district is required", "/applicant/district");
        }
    }
}
