package cn.tj.specialfund.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed-login throttling (contract §5): after {@code perName} failures for one user name from one client
 * address within {@code window}, that pair is refused for {@code block}, right password or not; after
 * {@code perAddress} failures from one address, every login from it is. Another address is unaffected.
 * <p>
 * The counts live in this process and, through {@link Shared}, in the database: nginx spreads a client's
 * requests over the replicas, and every replica must count them all (see {@link SharedLoginFailures}). Memory is bounded:
 * user names count by their first {@link #NAME_LENGTH} characters, and when the tables outgrow
 * {@link #MAX_KEYS}, entries without a recent failure or a running block are dropped, at most once a second
 * (a scan of the tables per failure would be a CPU cost an attacker controls). Should they still hold twice
 * that many live entries, they are cleared: losing the counts beats running out of memory.
 */
public final class LoginThrottle {

    static final int MAX_KEYS = 100_000;
    static final int NAME_LENGTH = 200;

    public record Policy(int perName, int perAddress, Duration window, Duration block) {
        public static final Policy CONTRACT = new Policy(10, 100, Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    /** Failures and blocks every replica sees. */
    public interface Shared {
        Shared NONE = new Shared() {
            @Override
            public void recordFailure(String pairKey, String address, Instant now, Policy policy) {
            }

            @Override
            public Instant blockedUntil(String pairKey, String address, Instant now) {
                return null;
            }
        };

        void recordFailure(String pairKey, String address, Instant now, Policy policy);

        /** The end of a block running for the pair or the address, or null. */
        Instant blockedUntil(String pairKey, String address, Instant now);
    }

    private final Policy policy;
    private final Clock clock;
    private final Shared shared;
    private final Map<String, Failures> byPair = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private volatile Instant lastCleanUp = Instant.MIN;

    public LoginThrottle(Policy policy, Clock clock) {
        this(policy, clock, Shared.NONE);
    }

    public LoginThrottle(Policy policy, Clock clock, Shared shared) {
        this.policy = policy;
        this.clock = clock;
        this.shared = shared;
    }

    /** How long this user name from this address must still wait, if it is blocked. */
    public Optional<Duration> blockedFor(String username, String address) {
        Instant now = clock.instant();
        String pair = pair(username, address);
        Instant until = later(later(untilOf(byPair.get(pair), now), untilOf(byAddress.get(address), now)),
                shared.blockedUntil(pair, address, now));
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    public void recordFailure(String username, String address) {
        Instant now = clock.instant();
        if (byPair.size() + byAddress.size() > MAX_KEYS && now.isAfter(lastCleanUp.plusSeconds(1))) {
            lastCleanUp = now;
            forgetQuietKeys(now);
        }
        byPair.computeIfAbsent(pair(username, address), key -> new Failures()).add(now, policy.perName(), policy);
        byAddress.computeIfAbsent(address, key -> new Failures()).add(now, policy.perAddress(), policy);
        shared.recordFailure(pair(username, address), address, now, policy);
    }

    private void forgetQuietKeys(Instant now) {
        byPair.values().removeIf(failures -> failures.quiet(now, policy));
        byAddress.values().removeIf(failures -> failures.quiet(now, policy));
        if (byPair.size() + byAddress.size() > 2 * MAX_KEYS) {
            byPair.clear();
            byAddress.clear();
        }
    }

    private static Instant untilOf(Failures failures, Instant now) {
        return failures == null ? null : failures.blockedUntil(now);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String pair(String username, String address) {
        // the address never contains a line feed, so the pair key is unambiguous
        String name = username.length() > NAME_LENGTH ? username.substring(0, NAME_LENGTH) : username;
        return address + '\n' + name;
    }

    /** The failures of one key within the window, and the end of its block if one is running. */
    private static final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant blockedUntil;

        synchronized void add(Instant now, int limit, Policy policy) {
            prune(now, policy);
            times.addLast(now);
            if (times.size() >= limit) {
                blockedUntil = now.plus(policy.block());
                times.clear();
            }
        }

        synchronized Instant blockedUntil(Instant now) {
            return blockedUntil != null && blockedUntil.isAfter(now) ? blockedUntil : null;
        }

        synchronized boolean quiet(Instant now, Policy policy) {
            prune(now, policy);
            return times.isEmpty() && blockedUntil(now) == null;
        }

        private void prune(Instant now, Policy policy) {
            Instant oldest = now.minus(policy.window());
            while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
                times.removeFirst();
            }
        }
    }
}
