package cn.tj.specialfund.support.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The failed-login counts of every replica, in {@code login_failure} and {@code login_block}: a failure is
 * written and counted over the window where it happens, and the block it starts is seen by the other replicas
 * within {@link #REFRESH} (each reads the running blocks, normally none, at most that often, instead of asking
 * the database on every request). A database that cannot be reached leaves the throttle to each replica's own
 * counts rather than refusing logins.
 */
public final class SharedLoginFailures implements LoginThrottle.Shared {

    static final Duration REFRESH = Duration.ofMillis(200);
    private static final Duration PURGE = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(SharedLoginFailures.class);

    private final JdbcTemplate jdbc;
    /** Paces the reads of the block table by wall time, whatever clock the throttle judges blocks by. */
    private final Clock pacing;
    private volatile Map<String, Instant> blocks = Map.of();
    private volatile Instant readAt = Instant.MIN;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Instant purgedAt = Instant.MIN;

    public SharedLoginFailures(JdbcTemplate jdbc, Clock pacing) {
        this.jdbc = jdbc;
        this.pacing = pacing;
    }

    @Override
    public void recordFailure(String pairKey, String address, Instant now, LoginThrottle.Policy policy) {
        String pair = sha256(pairKey);
        String addressKey = sha256(address);
        try {
            jdbc.update("INSERT INTO login_failure (pair_key, address_key, failed_at) VALUES (?, ?, ?)",
                    pair, addressKey, now.toEpochMilli());
            long since = now.minus(policy.window()).toEpochMilli();
            Instant until = now.plus(policy.block());
            if (count("pair_key", pair, since) >= policy.perName()) {
                block(pair, "pair_key", until);
            }
            if (count("address_key", addressKey, since) >= policy.perAddress()) {
                block(addressKey, "address_key", until);
            }
            purgeNowAndThen(now, policy);
        } catch (DataAccessException e) {
            log.warn("Could not share a failed login with the other replicas: {}", e.getMessage());
        }
    }

    @Override
    public Instant blockedUntil(String pairKey, String address, Instant now) {
        Map<String, Instant> running = running();
        Instant a = running.get(sha256(pairKey));
        Instant b = running.get(sha256(address));
        Instant until = a == null ? b : b == null || a.isAfter(b) ? a : b;
        return until != null && until.isAfter(now) ? until : null;
    }

    private long count(String column, String key, long since) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM login_failure WHERE " + column + " = ? AND failed_at > ?",
                Long.class, key, since);
        return n == null ? 0 : n;
    }

    /** Starts (or extends) a block and forgets the failures that led to it, as the in-process counts do. */
    private void block(String key, String column, Instant until) {
        if (jdbc.update("UPDATE login_block SET blocked_until = ? WHERE block_key = ?", until.toEpochMilli(), key) == 0) {
            try {
                jdbc.update("INSERT INTO login_block (block_key, blocked_until) VALUES (?, ?)", key, until.toEpochMilli());
            } catch (DuplicateKeyException anotherReplicaBlockedFirst) {
                jdbc.update("UPDATE login_block SET blocked_until = ? WHERE block_key = ?", until.toEpochMilli(), key);
            }
        }
        jdbc.update("DELETE FROM login_failure WHERE " + column + " = ?", key);
        Map<String, Instant> updated = new HashMap<>(blocks);
        updated.put(key, until);
        blocks = Map.copyOf(updated);
    }

    /**
     * The running blocks as last read. When they are older than {@link #REFRESH}, the one request that finds so
     * reads them again; the others go on with the ones read before rather than queue behind its database round
     * trip (which, with the connection pool busy with commands, held every request of the service).
     */
    private Map<String, Instant> running() {
        Instant wall = pacing.instant();
        if (wall.isAfter(readAt.plus(REFRESH)) && refreshing.compareAndSet(false, true)) {
            try {
                if (wall.isAfter(readAt.plus(REFRESH))) {
                    try {
                        Map<String, Instant> read = new HashMap<>();
                        jdbc.query("SELECT block_key, blocked_until FROM login_block", rs -> {
                            read.put(rs.getString(1).trim(), Instant.ofEpochMilli(rs.getLong(2)));
                        });
                        blocks = Map.copyOf(read);
                    } catch (DataAccessException e) {
                        log.warn("Could not read the other replicas' login blocks: {}", e.getMessage());
                    }
                    readAt = wall;
                }
            } finally {
                refreshing.set(false);
            }
        }
        return blocks;
    }

    private void purgeNowAndThen(Instant now, LoginThrottle.Policy policy) {
        if (now.isAfter(purgedAt.plus(PURGE)) || now.isBefore(purgedAt)) {
            purgedAt = now;
            jdbc.update("DELETE FROM login_failure WHERE failed_at <= ?", now.minus(policy.window()).toEpochMilli());
            jdbc.update("DELETE FROM login_block WHERE blocked_until <= ?", now.toEpochMilli());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
