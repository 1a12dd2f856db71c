package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

/** The applying enterprise: its name, unified social credit code and district. */
public record Applicant(String name, CreditCode creditCode, District district) {
    public Applicant {
        if (name == null || name.isBlank()) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("申报单位名称（applicant.name）为必填项", "applicant.name is required"), "/applicant/name");
        }
        if (creditCode == null) {
            throw new RuleViolation(ErrorCode.INVALID_CREDIT_CODE, new Detail("统一社会信用代码（applicant.creditCode）为必填项", "applicant.creditCode is required"),
                    "/applicant/creditCode");
        }
        if (district == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("所属区（applicant.district）为必填项", "applicant.district is required"), "/applicant/district");
        }
    }
}
