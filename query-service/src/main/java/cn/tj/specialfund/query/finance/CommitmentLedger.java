package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.query.projection.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;

/** Batched JDBC writes of ledger lines, for the live projection and the rebuild alike. */
final class CommitmentLedger {

    static final String TABLE = "commitment_entry";
    static final String SHADOW = "commitment_entry_shadow";
    static final String COLUMNS = "event_id, application_id, kind, direction, district, tier, "
            + "amount, municipal_share, district_share, committed_at, log_position";

    private final JdbcTemplate jdbc;
    private final String table;

    CommitmentLedger(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    void insert(Collection<Commitment> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries, 500,
                (ps, c) -> {
                    ps.setString(1, c.eventId());
                    ps.setString(2, c.applicationId());
                    ps.setString(3, c.kind());
                    ps.setString(4, c.direction());
                    ps.setString(5, c.district());
                    ps.setString(6, c.tier());
                    ps.setBigDecimal(7, c.amount());
                    ps.setBigDecimal(8, c.municipalShare());
                    ps.setBigDecimal(9, c.districtShare());
                    ps.setObject(10, SqlValues.utc(c.at()));
                    ps.setLong(11, c.position());
                });
    }

    void deleteAll() {
        jdbc.update("DELETE FROM " + table);
    }

    /** Replaces every line with the lines of {@code source}, inside the caller's transaction. */
    void replaceAllWithRowsOf(CommitmentLedger source) {
        jdbc.update("DELETE FROM " + table);
        jdbc.update("INSERT INTO " + table + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM " + source.table);
    }
}
