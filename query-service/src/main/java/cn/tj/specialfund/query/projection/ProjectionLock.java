package cn.tj.specialfund.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * Separates live projection batches from the swap of a rebuild (and a verification's comparison). Live batches
 * take it shared at their start, so they do not wait for each other; the swap takes it exclusively, so when it
 * holds the lock no live batch is in flight and none starts until it commits. Both must run inside the caller's
 * transaction, which releases it.
 * <p>
 * On PostgreSQL it is a transaction-level advisory lock: the lock manager queues requests in order, so a waiting
 * exclusive request holds back the shared ones that come after it. A shared row lock ({@code FOR SHARE}) did not:
 * while the projections caught up, their overlapping batches kept the row share-locked without a break, and the
 * swap, or any UPDATE of the row (the rebuild lease lives in it), waited for as long as they ran (17 minutes at
 * national size). H2 has neither shared row locks nor advisory locks; there every batch queues on
 * {@code FOR UPDATE} of the {@code projection_state} row.
 */
@Component
public class ProjectionLock {

    /**
     * The advisory lock's key: a constant the ledger uses for nothing else, and the schema (advisory locks are
     * the database's, and two ledgers may live in two schemas of one database).
     */
    private static final int ADVISORY_KEY = 0x4C454447;
    private static final String SELECT = "SELECT rebuilds FROM projection_state WHERE id = 1";

    private final JdbcTemplate jdbc;
    private final DatabaseProduct database;

    public ProjectionLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.database = new DatabaseProduct(jdbc);
    }

    public void acquireShared() {
        if (database.isPostgres()) {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock_shared(?, hashtext(current_schema()))::text",
                    String.class, ADVISORY_KEY);
        } else {
            jdbc.queryForObject(SELECT + " FOR UPDATE", Long.class);
        }
    }

    /** Returns how many rebuilds were swapped in before this one. */
    public long acquireExclusive() {
        if (database.isPostgres()) {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))::text", String.class,
                    ADVISORY_KEY);
            return Objects.requireNonNull(jdbc.queryForObject(SELECT, Long.class));
        }
        return Objects.requireNonNull(jdbc.queryForObject(SELECT + " FOR UPDATE", Long.class));
    }
}
