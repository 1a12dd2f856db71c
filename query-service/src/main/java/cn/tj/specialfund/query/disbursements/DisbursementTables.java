package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.query.applicationstate.ApplicationNames;
import cn.tj.specialfund.query.projection.ReadModelComparison;
import cn.tj.specialfund.query.projection.ShadowTableSwap;
import cn.tj.specialfund.query.projection.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The disbursements read model's three tables (names, committed shares, payments), live or their shadow twins,
 * in plain batched JDBC.
 */
final class DisbursementTables {

    static final String NAMES = "disbursement_application";
    static final String COMMITMENTS = "disbursement_commitment";
    static final String PAYMENTS = "disbursement_entry";
    static final String COMMITMENT_COLUMNS = "event_id, application_id, direction, district, municipal_share, "
            + "district_share, committed_at, log_position";
    static final String PAYMENT_COLUMNS = "disbursement_id, application_id, direction, district, source, amount, "
            + "paid_on, voucher, recorded_at, log_position, reversed_at";
    private static final String SHADOW = "_shadow";
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final String suffix;
    private final ApplicationNames names;

    private DisbursementTables(JdbcTemplate jdbc, String suffix) {
        this.jdbc = jdbc;
        this.suffix = suffix;
        this.names = new ApplicationNames(jdbc, NAMES + suffix);
    }

    static DisbursementTables live(JdbcTemplate jdbc) {
        return new DisbursementTables(jdbc, "");
    }

    static DisbursementTables shadow(JdbcTemplate jdbc) {
        return new DisbursementTables(jdbc, SHADOW);
    }

    ApplicationNames names() {
        return names;
    }

    void insertCommitments(Collection<CommittedShares> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO " + COMMITMENTS + suffix + " (" + COMMITMENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", lines, CHUNK, (ps, c) -> {
            ps.setString(1, c.eventId());
            ps.setString(2, c.applicationId());
            ps.setString(3, c.direction());
            ps.setString(4, c.district());
            ps.setBigDecimal(5, c.municipalShare());
            ps.setBigDecimal(6, c.districtShare());
            ps.setObject(7, SqlValues.utc(c.at()));
            ps.setLong(8, c.position());
        });
    }

    void insertPayments(Collection<Payment> payments) {
        if (payments.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO " + PAYMENTS + suffix + " (" + PAYMENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", payments, CHUNK, (ps, p) -> {
            ps.setString(1, p.disbursementId());
            ps.setString(2, p.applicationId());
            ps.setString(3, p.direction());
            ps.setString(4, p.district());
            ps.setString(5, p.source());
            ps.setBigDecimal(6, p.amount());
            ps.setDate(7, Date.valueOf(p.paidOn()));
            ps.setString(8, SqlValues.text(p.voucher()));
            ps.setObject(9, SqlValues.utc(p.recordedAt()));
            ps.setLong(10, p.position());
            ps.setObject(11, SqlValues.utc(p.reversedAt()));
        });
    }

    void markReversed(Collection<Payment> reversed) {
        if (reversed.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE " + PAYMENTS + suffix + " SET reversed_at = ? WHERE disbursement_id = ?", reversed,
                CHUNK, (ps, p) -> {
                    ps.setObject(1, SqlValues.utc(p.reversedAt()));
                    ps.setString(2, p.disbursementId());
                });
    }

    /** The stored payments among {@code ids}, by id. */
    Map<String, Payment> payments(Collection<String> ids) {
        Map<String, Payment> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            jdbc.query("SELECT " + PAYMENT_COLUMNS + " FROM " + PAYMENTS + suffix + " WHERE disbursement_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", rs -> {
                        Payment p = payment(rs);
                        found.put(p.disbursementId(), p);
                    }, chunk.toArray());
        }
        return found;
    }

    static Payment payment(ResultSet rs) throws SQLException {
        return new Payment(rs.getString("disbursement_id"), rs.getString("application_id"),
                rs.getString("direction"), rs.getString("district"), rs.getString("source"),
                rs.getBigDecimal("amount"), rs.getDate("paid_on").toLocalDate(), rs.getString("voucher"),
                SqlValues.instant(rs, "recorded_at"), rs.getLong("log_position"), SqlValues.instant(rs, "reversed_at"));
    }

    private List<String> tables() {
        return List.of(NAMES, COMMITMENTS, PAYMENTS);
    }

    /** Before the swap, outside the lock: the live tables' query indexes on the shadow ones. */
    void prepareToReplace(DisbursementTables live, ShadowTableSwap swap) {
        tables().forEach(t -> swap.prepare(t + live.suffix, t + suffix));
    }

    /** Inside the swap transaction: these (shadow) tables' rows become the live ones. */
    void replace(DisbursementTables live, ShadowTableSwap swap) {
        swap.swap(NAMES + live.suffix, NAMES + suffix, () -> live.names.replaceAllWithRowsOf(names));
        swap.swap(COMMITMENTS + live.suffix, COMMITMENTS + suffix,
                () -> copy(COMMITMENTS, COMMITMENT_COLUMNS, live));
        swap.swap(PAYMENTS + live.suffix, PAYMENTS + suffix, () -> copy(PAYMENTS, PAYMENT_COLUMNS, live));
    }

    private void copy(String table, String columns, DisbursementTables live) {
        jdbc.update("DELETE FROM " + table + live.suffix);
        jdbc.update("INSERT INTO " + table + live.suffix + " (" + columns + ") SELECT " + columns + " FROM "
                + table + suffix);
    }

    void compare(DisbursementTables fromLog, ReadModelComparison comparison) {
        names.compareWith(fromLog.names, comparison);
        comparison.tables(jdbc, COMMITMENTS + suffix, COMMITMENTS + fromLog.suffix, COMMITMENT_COLUMNS);
        comparison.tables(jdbc, PAYMENTS + suffix, PAYMENTS + fromLog.suffix, PAYMENT_COLUMNS);
    }

    void clear(ShadowTableSwap swap) {
        tables().forEach(t -> swap.clear(t + suffix));
    }
}
