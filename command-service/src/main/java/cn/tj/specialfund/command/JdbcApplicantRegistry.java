package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.CreditCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * One application per credit code, enforced by the primary key of {@code applicant_registry}. The row is
 * written in the command's transaction: a submission refused later (422) takes its registration with it,
 * and of two concurrent submissions, on any number of replicas, the database lets exactly one insert.
 */
@Component
class JdbcApplicantRegistry implements ApplicantRegistry {

    private final JdbcTemplate jdbc;

    JdbcApplicantRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement: the insert is conditional on the code being unknown, so an applicant already registered
     * (committed) is refused by its update count, without a failed statement (which on PostgreSQL would abort
     * the transaction) and without a separate look-up first. Two submissions racing with the same new code
     * both pass the condition; the primary key then makes the second wait for the first and refuse it.
     */
    @Override
    public void register(CreditCode creditCode, UUID applicationId) {
        int inserted;
        try {
            inserted = jdbc.update("INSERT INTO applicant_registry (credit_code, application_id)"
                            + " SELECT CAST(? AS VARCHAR(18)), CAST(? AS VARCHAR(36))"
                            + " WHERE NOT EXISTS (SELECT 1 FROM applicant_registry WHERE credit_code = ?)",
                    creditCode.value(), applicationId.toString(), creditCode.value());
        } catch (DuplicateKeyException concurrentSubmission) {
            // another submission with this code committed (or is committing) first
            throw duplicate(creditCode);
        }
        if (inserted == 0) {
            throw duplicate(creditCode);
        }
    }

    private static RuleViolation duplicate(CreditCode creditCode) {
        return new RuleViolation(ErrorCode.DUPLICATE_APPLICANT, new Detail(
                "统一社会信用代码为 " + creditCode + " 的申报单位已在本次申报中提交过项目（每家单位限报一个项目）",
                "the applicant " + creditCode + " has already applied in this call"));
    }
}
