package cn.tj.specialfund.query.applicationstate;

import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.projection.ReadModelComparison;
import org.springframework.jdbc.core.JdbcTemplate;

import static cn.tj.specialfund.query.projection.SqlValues.instant;
import static cn.tj.specialfund.query.projection.SqlValues.text;
import static cn.tj.specialfund.query.projection.SqlValues.utc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Application states in a table of the {@code application_view} shape (the live and shadow tables of the
 * applications and dashboard read models), read and written with plain batched
 * JDBC: projections load all applications of a batch in one query and write them back in one batch.
 */
public final class ApplicationStateTable {

    private static final String COLUMNS = "id, project_name, applicant_name, direction, district, credit_code, "
            + "status, tier, claimable_tier, score, eligible_investment, requested_special_funds, awarded_amount, "
            + "top_up_amount, municipal_share, district_share, municipal_paid, district_paid, submitted_at, "
            + "submission_position, updated_at";
    private static final int CHUNK = 500;

    private final String table;
    private final JdbcTemplate jdbc;

    public ApplicationStateTable(String table, JdbcTemplate jdbc) {
        this.table = table;
        this.jdbc = jdbc;
    }

    public String name() {
        return table;
    }

    public Map<UUID, ApplicationState> load(Collection<UUID> ids) {
        Map<UUID, ApplicationState> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT " + COLUMNS + " FROM " + table + " WHERE id IN (" + marks + ")",
                    rs -> {
                        ApplicationState state = read(rs);
                        found.put(state.id(), state);
                    }, chunk.stream().map(UUID::toString).toArray());
        }
        return found;
    }

    public void insert(Collection<ApplicationState> states) {
        if (states.isEmpty()) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(21, "?"));
        jdbc.batchUpdate("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + marks + ")", states, CHUNK,
                (ps, s) -> {
                    ps.setString(1, s.id().toString());
                    bindFrom(ps, s, 2);
                });
    }

    public void update(Collection<ApplicationState> states) {
        if (states.isEmpty()) {
            return;
        }
        String assignments = String.join(" = ?, ", COLUMNS.substring("id, ".length()).split(", ")) + " = ?";
        jdbc.batchUpdate("UPDATE " + table + " SET " + assignments + " WHERE id = ?", states, CHUNK,
                (ps, s) -> {
                    int next = bindFrom(ps, s, 1);
                    ps.setString(next, s.id().toString());
                });
    }

    public void deleteAll() {
        jdbc.update("DELETE FROM " + table);
    }

    /** Replaces every row with the rows of {@code source} (same shape), inside the caller's transaction. */
    public void replaceAllWithRowsOf(ApplicationStateTable source) {
        jdbc.update("DELETE FROM " + table);
        jdbc.update("INSERT INTO " + table + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM " + source.table);
    }

    /** Adds to {@code comparison} every row where this table and {@code fromLog} differ. */
    public void compareWith(ApplicationStateTable fromLog, ReadModelComparison comparison) {
        comparison.tables(jdbc, table, fromLog.table, COLUMNS);
    }

    /** Binds every column but the id from {@code index} on; returns the next free index. */
    private static int bindFrom(PreparedStatement ps, ApplicationState s, int index) throws SQLException {
        int i = index;
        ps.setString(i++, text(s.projectName()));
        ps.setString(i++, text(s.applicantName()));
        ps.setString(i++, s.direction().code());
        ps.setString(i++, s.district().name());
        ps.setString(i++, text(s.creditCode()));
        ps.setString(i++, s.status().name());
        ps.setString(i++, s.tier() == null ? null : s.tier().name());
        ps.setString(i++, s.claimableTier().name());
        if (s.score() == null) {
            ps.setNull(i++, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i++, s.score());
        }
        ps.setBigDecimal(i++, s.eligibleInvestment().amount());
        ps.setBigDecimal(i++, s.requestedSpecialFunds().amount());
        ps.setBigDecimal(i++, s.awardedAmount().amount());
        ps.setBigDecimal(i++, s.topUpAmount().amount());
        ps.setBigDecimal(i++, s.municipalShare().amount());
        ps.setBigDecimal(i++, s.districtShare().amount());
        ps.setBigDecimal(i++, s.municipalPaid().amount());
        ps.setBigDecimal(i++, s.districtPaid().amount());
        ps.setObject(i++, utc(s.submittedAt()));
        ps.setLong(i++, s.submissionPosition());
        ps.setObject(i++, utc(s.updatedAt()));
        return i;
    }

    private static ApplicationState read(ResultSet rs) throws SQLException {
        String tier = rs.getString("tier");
        return new ApplicationState(UUID.fromString(rs.getString("id")), rs.getString("project_name"),
                rs.getString("applicant_name"), Direction.fromCode(rs.getString("direction")),
                District.valueOf(rs.getString("district")), rs.getString("credit_code"),
                ApplicationStatus.valueOf(rs.getString("status")), tier == null ? null : Tier.valueOf(tier),
                Tier.valueOf(rs.getString("claimable_tier")), rs.getBigDecimal("score"),
                Money.of(rs.getBigDecimal("eligible_investment")), Money.of(rs.getBigDecimal("requested_special_funds")),
                Money.of(rs.getBigDecimal("awarded_amount")), Money.of(rs.getBigDecimal("top_up_amount")),
                Money.of(rs.getBigDecimal("municipal_share")), Money.of(rs.getBigDecimal("district_share")),
                Money.of(rs.getBigDecimal("municipal_paid")), Money.of(rs.getBigDecimal("district_paid")),
                instant(rs, "submitted_at"), rs.getLong("submission_position"), instant(rs, "updated_at"));
    }
}
