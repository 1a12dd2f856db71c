package cn.tj.specialfund.support.security;

import cn.tj.specialfund.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2020-09-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.CONTRACT, clock);

    @Test
    void tenFailuresWithinFiveMinutesBlockThatNameFromThatAddressForFiveMinutes() {
        for (int i = 0; i < 9; i++) {
            throttle.recordFailure("auditor", "10.0.0.1");
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(throttle.blockedFor("auditor", "10.0.0.1")).isEmpty();

        throttle.recordFailure("auditor", "10.0.0.1");

        assertThat(throttle.blockedFor("auditor", "10.0.0.1")).contains(Duration.ofMinutes(5));
        assertThat(throttle.blockedFor("auditor", "10.0.0.2")).as("another address").isEmpty();
        assertThat(throttle.blockedFor("manager", "10.0.0.1")).as("another name").isEmpty();

        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.blockedFor("auditor", "10.0.0.1")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.blockedFor("auditor", "10.0.0.1")).as("the block has expired").isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 9; i++) {
            throttle.recordFailure("auditor", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(5));
        throttle.recordFailure("auditor", "10.0.0.1");
        assertThat(throttle.blockedFor("auditor", "10.0.0.1")).isEmpty();
    }

    @Test
    void aHundredFailuresFromOneAddressBlockEveryNameFromIt() {
        for (int i = 0; i < 99; i++) {
            throttle.recordFailure("guess-" + i, "10.0.0.9");
        }
        assertThat(throttle.blockedFor("admin", "10.0.0.9")).isEmpty();

        throttle.recordFailure("guess-99", "10.0.0.9");

        assertThat(throttle.blockedFor("admin", "10.0.0.9")).contains(Duration.ofMinutes(5));
        assertThat(throttle.blockedFor("admin", "10.0.0.10")).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.blockedFor("admin", "10.0.0.9")).isEmpty();
    }

    @Test
    void quietEntriesAreForgottenWhenTheTablesGrowTooLarge() {
        for (int i = 0; i <= LoginThrottle.MAX_KEYS / 2; i++) {
            throttle.recordFailure("user", "10.1." + i);
        }
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("auditor", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(6));
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("manager", "10.0.0.2");
        }
        assertThat(throttle.blockedFor("manager", "10.0.0.2")).isPresent();
        assertThat(throttle.blockedFor("auditor", "10.0.0.1")).isEmpty();
    }
}
