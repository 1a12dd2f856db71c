package cn.tj.specialfund.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingAuthenticationProviderTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    /** Stands in for the bcrypt check: counts its calls, accepts one password, can be held until released. */
    private static final class PasswordCheck implements AuthenticationProvider {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch release;

        PasswordCheck(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            calls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!"secret".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("Bad credentials");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    AuthorityUtils.createAuthorityList("ROLE_AUDITOR"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2020-06-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Authentication basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void aBurstOfFirstRequestsPaysForOnePasswordCheck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PasswordCheck check = new PasswordCheck(release);
        CachingAuthenticationProvider provider = new CachingAuthenticationProvider(check, TTL, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Thread> threads = new ArrayList<>();
        try {
            List<Future<Authentication>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return provider.authenticate(basic("auditor", "secret"));
                }));
            }
            awaitAllParked(threads, 8);
            release.countDown();
            for (Future<Authentication> answer : answers) {
                assertThat(answer.get().isAuthenticated()).isTrue();
                assertThat(answer.get().getName()).isEqualTo("auditor");
            }
            assertThat(check.calls).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsWaitingOnAFailedCheckAreRefusedAndTheFailureIsNotRemembered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PasswordCheck check = new PasswordCheck(release);
        CachingAuthenticationProvider provider = new CachingAuthenticationProvider(check, TTL, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Thread> threads = new ArrayList<>();
        try {
            List<Future<Authentication>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return provider.authenticate(basic("auditor", "guess"));
                }));
            }
            awaitAllParked(threads, 4);
            release.countDown();
            for (Future<Authentication> answer : answers) {
                assertThatThrownBy(answer::get).hasCauseInstanceOf(BadCredentialsException.class);
            }
            int afterBurst = check.calls.get();
            assertThatThrownBy(() -> provider.authenticate(basic("auditor", "guess")))
                    .isInstanceOf(BadCredentialsException.class);
            assertThat(check.calls).hasValue(afterBurst + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRememberedCheckIsRepeatedOnlyAfterItsTimeToLive() {
        CountDownLatch released = new CountDownLatch(0);
        PasswordCheck check = new PasswordCheck(released);
        MovableClock clock = new MovableClock();
        CachingAuthenticationProvider provider = new CachingAuthenticationProvider(check, TTL, clock);

        provider.authenticate(basic("auditor", "secret"));
        clock.now = clock.now.plus(TTL).minusSeconds(1);
        provider.authenticate(basic("auditor", "secret"));
        assertThat(check.calls).hasValue(1);

        clock.now = clock.now.plusSeconds(2);
        provider.authenticate(basic("auditor", "secret"));
        assertThat(check.calls).hasValue(2);

        assertThatThrownBy(() -> provider.authenticate(basic("auditor", "other")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(check.calls).hasValue(3);
    }

    /** Waits until every caller is parked: one inside the check, the others waiting for its outcome. */
    private static void awaitAllParked(List<Thread> threads, int expected) throws InterruptedException {
        while (true) {
            synchronized (threads) {
                if (threads.size() == expected && threads.stream().allMatch(t ->
                        t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
    }
}
