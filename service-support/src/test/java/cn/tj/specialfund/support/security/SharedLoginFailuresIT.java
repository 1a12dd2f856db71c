package cn.tj.specialfund.support.security;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.testsupport.MovableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas behind nginx, each with its own throttle over one database (contract §5): the failures of a
 * client count together wherever they land, and a block started on one replica holds on the other.
 */
class SharedLoginFailuresIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static JdbcTemplate jdbc;
    private final MovableClock clock = new MovableClock(Instant.parse("2020-09-01T00:00:00Z"));

    @BeforeAll
    static void migrate() {
        var flyway = Flyway.configure().dataSource(DATABASE.url(), DATABASE.username(), DATABASE.password());
        if (DATABASE.isPostgres()) {
            flyway.schemas(DATABASE.schema()).defaultSchema(DATABASE.schema());
        }
        flyway.load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(DATABASE.url(), DATABASE.username(), DATABASE.password()));
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    private LoginThrottle replica() {
        return new LoginThrottle(LoginThrottle.Policy.CONTRACT, clock, new SharedLoginFailures(jdbc, Clock.systemUTC()));
    }

    private static void awaitRefresh() throws InterruptedException {
        Thread.sleep(SharedLoginFailures.REFRESH.toMillis() + 100);
    }

    @Test
    void failuresOnBothReplicasCountTogetherAndTheBlockHoldsOnBoth() throws InterruptedException {
        LoginThrottle a = replica();
        LoginThrottle b = replica();
        for (int i = 0; i < 5; i++) {
            a.recordFailure("manager", "203.0.113.7");
        }
        for (int i = 0; i < 4; i++) {
            b.recordFailure("manager", "203.0.113.7");
        }
        awaitRefresh();
        assertThat(a.blockedFor("manager", "203.0.113.7")).isEmpty();
        assertThat(b.blockedFor("manager", "203.0.113.7")).isEmpty();

        b.recordFailure("manager", "203.0.113.7");
        assertThat(b.blockedFor("manager", "203.0.113.7")).contains(Duration.ofMinutes(5));
        awaitRefresh();
        assertThat(a.blockedFor("manager", "203.0.113.7")).contains(Duration.ofMinutes(5));
        assertThat(a.blockedFor("manager", "198.51.100.1")).isEmpty();
        assertThat(a.blockedFor("finance", "203.0.113.7")).isEmpty();

        clock.advance(Duration.ofMinutes(4));
        assertThat(a.blockedFor("manager", "203.0.113.7")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(a.blockedFor("manager", "203.0.113.7")).isEmpty();
        assertThat(b.blockedFor("manager", "203.0.113.7")).isEmpty();
    }

    @Test
    void aHundredFailuresFromOneAddressOverBothReplicasBlockTheAddress() throws InterruptedException {
        LoginThrottle a = replica();
        LoginThrottle b = replica();
        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? a : b).recordFailure("guess-" + i, "192.0.2.44");
        }
        awaitRefresh();
        assertThat(a.blockedFor("admin", "192.0.2.44")).contains(Duration.ofMinutes(5));
        assertThat(b.blockedFor("admin", "192.0.2.44")).contains(Duration.ofMinutes(5));
        assertThat(b.blockedFor("admin", "192.0.2.45")).isEmpty();
    }
}
