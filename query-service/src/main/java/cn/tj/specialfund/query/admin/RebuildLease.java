package cn.tj.specialfund.query.admin;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The right to rebuild, held by one query-service process at a time (replicas share the shadow tables): a lease
 * in {@code projection_state}, taken before a rebuild touches the shadow tables, renewed while it runs, released
 * when it ends. The lease of a process that died expires after {@code length}. Each call is its own short
 * statement, outside the rebuild's transactions.
 */
final class RebuildLease {

    private final JdbcTemplate jdbc;
    private final Duration length;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private volatile Instant renewedAt = Instant.MIN;

    RebuildLease(JdbcTemplate jdbc, Duration length, Clock clock) {
        this.jdbc = jdbc;
        this.length = length;
        this.clock = clock;
    }

    /** Takes the lease if nobody holds it (or the holder's has expired). */
    boolean tryAcquire() {
        Instant now = clock.instant();
        boolean taken = jdbc.update("UPDATE projection_state SET rebuild_owner = ?, rebuild_lease_until = ? "
                + "WHERE id = 1 AND (rebuild_lease_until IS NULL OR rebuild_lease_until < ?)",
                owner, utc(now.plus(length)), utc(now)) == 1;
        if (taken) {
            renewedAt = now;
        }
        return taken;
    }

    /** Extends the lease once a quarter of it has passed; fails if another process has taken it meanwhile. */
    void renew() {
        Instant now = clock.instant();
        if (Duration.between(renewedAt, now).compareTo(length.dividedBy(4)) < 0) {
            return;
        }
        if (jdbc.update("UPDATE projection_state SET rebuild_lease_until = ? WHERE id = 1 AND rebuild_owner = ?",
                utc(now.plus(length)), owner) != 1) {
            throw new IllegalStateException("the rebuild lease was lost (expired and taken by another process)");
        }
        renewedAt = now;
    }

    /** Gives the lease up, if this process holds it. */
    void release() {
        jdbc.update("UPDATE projection_state SET rebuild_owner = NULL, rebuild_lease_until = NULL "
                + "WHERE id = 1 AND rebuild_owner = ?", owner);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
