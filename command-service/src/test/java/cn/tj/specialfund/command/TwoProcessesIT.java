package cn.tj.specialfund.command;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.command.LedgerClient.Response;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances (separate Spring applications, as two replicas would be) on one database:
 * the cap of 1.1 and the one-application-per-applicant rule hold across them.
 */
class TwoProcessesIT {

    private static final int RACERS = 8;
    private static IsolatedDatabase database;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static LedgerClient replicaA;
    private static LedgerClient replicaB;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void startTwoReplicas() {
        database = IsolatedDatabase.create();
        first = start();
        second = start();
        replicaA = new LedgerClient(port(first));
        replicaB = new LedgerClient(port(second));
        jdbc = first.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void theLastSlotOf11GoesToExactlyOneReplica() throws Exception {
        EventLog events = new EventLog(jdbc);
        for (long i = events.awardsIn("1.1"); i < 9; i++) {
            (i % 2 == 0 ? replicaA : replicaB).awarded(FormJson.valid("1.1"), "MUNICIPAL");
        }
        List<UUID> candidates = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            candidates.add((i % 2 == 0 ? replicaA : replicaB).scored(FormJson.valid("1.1")));
        }
        List<Supplier<Response>> awards = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            UUID id = candidates.get(i);
            LedgerClient replica = i % 2 == 0 ? replicaB : replicaA;
            awards.add(() -> replica.award(id, "MUNICIPAL"));
        }
        List<Response> responses = Race.run(awards);

        assertThat(Race.count(responses, 200)).as(ConcurrencyIT.describe(responses)).isEqualTo(1);
        assertThat(Race.count(responses, 409, "DIRECTION_CAP_REACHED")).as(ConcurrencyIT.describe(responses))
                .isEqualTo(RACERS - 1);
        assertThat(events.awardsIn("1.1")).isEqualTo(10);
    }

    @Test
    void oneApplicantCanApplyOnceAcrossReplicas() throws Exception {
        String creditCode = FormJson.freshCreditCode().value();
        List<Supplier<Response>> submissions = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            ObjectNode form = FormJson.valid();
            FormJson.applicant(form).put("creditCode", creditCode);
            LedgerClient replica = i % 2 == 0 ? replicaA : replicaB;
            submissions.add(() -> replica.submit(form));
        }
        List<Response> responses = Race.run(submissions);

        assertThat(Race.count(responses, 201)).as(ConcurrencyIT.describe(responses)).isEqualTo(1);
        assertThat(Race.count(responses, 409, "DUPLICATE_APPLICANT")).as(ConcurrencyIT.describe(responses))
                .isEqualTo(RACERS - 1);
        assertThat(ConcurrencyIT.submissionsOf(jdbc, creditCode)).isEqualTo(1);
    }

    private static ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(database.arguments());
        args.add("--server.port=0");
        args.add("--spring.profiles.active=demo");
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
