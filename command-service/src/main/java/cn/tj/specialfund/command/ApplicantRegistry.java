package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.value.CreditCode;

import java.util.UUID;

/** Set-based guard for 二(一): one application per applicant (credit code) in the call, whatever its fate. */
interface ApplicantRegistry {

    /**
     * Records the applicant in the command's transaction, so a later refusal releases it again.
     *
     * @throws cn.tj.specialfund.coreapi.rules.RuleViolation DUPLICATE_APPLICANT if the code already applied
     */
    void register(CreditCode creditCode, UUID applicationId);
}
