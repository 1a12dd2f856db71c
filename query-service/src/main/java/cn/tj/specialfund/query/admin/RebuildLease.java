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
    private final String owner;
    private volatile Instant renewedAt = Instant.MIN;

    RebuildLease(JdbcTemplate jdbc, Duration length, Clock clock) {
        this(jdbc, length, clock, UUID.randomUUID().toString());
    }

    private RebuildLease(JdbcTemplate jdbc, Duration length, Clock clock, String owner) {
        this.jdbc = jdbc;
        this.length = length;
        this.clock = clock;
        this.owner = owner;
    }

    /**
     * The same lease taken by a verification, which folds into the same shadow tables: its owner says so (the
     * column holds 36 characters, a UUID's length), so that a verification can tell a rebuild, which it does
     * not wait for, from another verification, which it does.
     */
    static RebuildLease forVerification(JdbcTemplate jdbc, Duration length, Clock clock) {
        return new RebuildLease(jdbc, length, clock,
                VERIFICATION_OWNER + UUID.randomUUID().toString().replace("-", "").substring(0, 29));
    }

    private static final String VERIFICATION_OWNER = "verify-";

    /** Whether someone holds an unexpired lease to rebuild (not to verify). */
    boolean heldByRebuild() {
        java.util.List<String> owners = jdbc.queryForList("SELECT rebuild_owner FROM projection_state "
                + "WHERE id = 1 AND rebuild_lease_until >= ?", String.class, utc(clock.instant()));
        return !owners.isEmpty() && owners.get(0) != null && !owners.get(0).startsWith(VERIFICATION_OWNER);
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
