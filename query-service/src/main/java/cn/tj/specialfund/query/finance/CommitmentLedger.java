package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.query.projection.ApplicationStateTable;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;

/** Batched JDBC writes of ledger lines, for the live projection and the rebuild alike. */
final class CommitmentLedger {

    private final JdbcTemplate jdbc;

    CommitmentLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Collection<Commitment> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO commitment_entry (event_id, application_id, kind, direction, district, tier, "
                        + "amount, municipal_share, district_share, committed_at, log_position) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries, 500,
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
                    ps.setObject(10, ApplicationStateTable.utc(c.at()));
                    ps.setLong(11, c.position());
                });
    }

    void deleteAll() {
        jdbc.update("DELETE FROM commitment_entry");
    }
}
