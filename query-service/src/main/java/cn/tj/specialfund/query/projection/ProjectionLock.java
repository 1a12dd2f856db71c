package cn.tj.specialfund.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Objects;

/**
 * The row of {@code projection_state} that separates live projection batches from the swap of a rebuild.
 * Live batches lock it shared at their start (PostgreSQL {@code FOR SHARE}, so they do not wait for each
 * other; H2 has no shared row locks, so there they queue on {@code FOR UPDATE}); the swap locks it
 * exclusively, so when it holds the lock no live batch is in flight and none starts until it commits.
 * Both must run inside the caller's transaction.
 */
@Component
public class ProjectionLock {

    private static final String SELECT = "SELECT rebuilds FROM projection_state WHERE id = 1 ";

    private final JdbcTemplate jdbc;
    private volatile Boolean sharedLocks;

    public ProjectionLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void acquireShared() {
        jdbc.queryForObject(SELECT + (supportsSharedLocks() ? "FOR SHARE" : "FOR UPDATE"), Long.class);
    }

    /** Returns how many rebuilds were swapped in before this one. */
    public long acquireExclusive() {
        return Objects.requireNonNull(jdbc.queryForObject(SELECT + "FOR UPDATE", Long.class));
    }

    private boolean supportsSharedLocks() {
        Boolean known = sharedLocks;
        if (known == null) {
            String product = jdbc.execute((java.sql.Connection c) -> {
                DatabaseMetaData meta = c.getMetaData();
                return meta.getDatabaseProductName();
            });
            known = product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
            sharedLocks = known;
        }
        return known;
    }
}
