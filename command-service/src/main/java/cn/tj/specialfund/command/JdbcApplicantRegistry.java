package cn.tj.specialfund.command;

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

    @Override
    public void register(CreditCode creditCode, UUID applicationId) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM applicant_registry WHERE credit_code = ?",
                Integer.class, creditCode.value());
        if (known != null && known > 0) {
            throw duplicate(creditCode);
        }
        try {
            jdbc.update("INSERT INTO applicant_registry (credit_code, application_id) VALUES (?, ?)",
                    creditCode.value(), applicationId.toString());
        } catch (DuplicateKeyException concurrentSubmission) {
            // another submission with this code committed (or is committing) first
            throw duplicate(creditCode);
        }
    }

    private static RuleViolation duplicate(CreditCode creditCode) {
        return new RuleViolation(ErrorCode.DUPLICATE_APPLICANT,
                "the applicant " + creditCode + " has already applied in this call");
    }
}
