package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One use per voucher, enforced by the primary key of {@code disbursement_voucher}, written in the command's
 * transaction like the applicant registry. The key is the voucher's SHA-256: a voucher may be 1 000 characters,
 * more than a PostgreSQL B-tree entry holds in UTF-8.
 */
@Component
class JdbcVoucherRegistry implements VoucherRegistry {

    private final JdbcTemplate jdbc;

    JdbcVoucherRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Conditional insert, as in {@link JdbcApplicantRegistry#register}: no failed statement on a known voucher. */
    @Override
    public void register(String voucher, UUID applicationId, UUID disbursementId) {
        String hash = sha256(voucher);
        int inserted;
        try {
            inserted = jdbc.update("INSERT INTO disbursement_voucher (voucher_hash, voucher, application_id, disbursement_id)"
                            + " SELECT CAST(? AS CHAR(64)), CAST(? AS VARCHAR(1000)), CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(36))"
                            + " WHERE NOT EXISTS (SELECT 1 FROM disbursement_voucher WHERE voucher_hash = ?)",
                    hash, voucher, applicationId.toString(), disbursementId.toString(), hash);
        } catch (DuplicateKeyException concurrentPayment) {
            throw duplicate(voucher);
        }
        if (inserted == 0) {
            throw duplicate(voucher);
        }
    }

    private static RuleViolation duplicate(String voucher) {
        return new RuleViolation(ErrorCode.DUPLICATE_VOUCHER, new Detail("拨付凭证号 " + voucher + " 已在本次申报中使用过",
                "the voucher " + voucher + " was already used in this call"));
    }

    private static String sha256(String voucher) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(voucher.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
