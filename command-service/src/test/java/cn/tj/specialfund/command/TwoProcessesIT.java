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
 * the cap of 1.1 and the one-application-per-applicant rule hold across them, and two commands for one
 * application sent to both at the same instant are answered as if they had run one after the other, never
 * with a 5xx: the second gets the answer the first one's state implies, and only a serial run's events are
 * appended.
 */
class TwoProcessesIT {

    private static final int RACERS = 8;
    private static final int ROUNDS = 20;
    private static final String TOP_UP = """
            {"miitPilot": {"programme": "MANUFACTURING_INTERNET_INTEGRATION", "year": 2020, "leadApplicant": true},
             "reviewReference": "MIIT 2020 pilot list, item 17"}""";
    private static IsolatedDatabase database;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static LedgerClient replicaA;
    private static LedgerClient replicaB;
    private static JdbcTemplate jdbc;
    private static EventLog events;

    @BeforeAll
    static void startTwoReplicas() {
        database = IsolatedDatabase.create();
        first = start();
        second = start();
        replicaA = new LedgerClient(port(first));
        replicaB = new LedgerClient(port(second));
        jdbc = first.getBean(JdbcTemplate.class);
        events = new EventLog(jdbc);
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

    // --- contract §7: two commands for one application, one on each replica, answered as a serial run would ---
    // Many rounds each, so that both orders and the collision of the two appends (one aggregate sequence) occur.

    @Test
    void theSameAwardOnTwoReplicasIsAwardedOnceAndTheOtherIsInvalidState() throws Exception {
        race(() -> replicaA.scored(FormJson.valid()), (replica, id) -> replica.award(id, "MUNICIPAL"),
                "ApplicationAwarded", 409, "INVALID_STATE");
    }

    @Test
    void theSameDistrictReviewOnTwoReplicasIsRecordedOnce() throws Exception {
        race(() -> replicaA.submitted(FormJson.valid()), (replica, id) -> replica.approve(id, "XIQING"),
                "DistrictApproved", 409, "INVALID_STATE");
    }

    @Test
    void theSameTopUpOnTwoReplicasIsPaidOnce() throws Exception {
        race(() -> replicaA.awarded(FormJson.valid(), "MUNICIPAL"),
                (replica, id) -> replica.post("/api/applications/" + id + "/top-up", "manager", "manager", TOP_UP),
                "AwardToppedUp", 409, "INVALID_STATE");
    }

    @Test
    void twoScoresAtOnceAreBothRecordedAsARescoreWouldBe() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            UUID id = replicaA.submitted(FormJson.valid());
            assertThat(replicaA.approve(id, "XIQING").status()).isEqualTo(200);
            long before = events.count();
            List<Response> responses = Race.run(List.of(() -> replicaA.score(id, "80"), () -> replicaB.score(id, "90")));
            assertThat(Race.count(responses, 200)).as("round %d: %s", round, describe(responses)).isEqualTo(2);
            assertThat(events.count() - before).isEqualTo(2);
            assertThat(events.of(id)).extracting(EventLog.StoredEvent::sequence).containsExactly(0L, 1L, 2L, 3L);
        }
    }

    /**
     * Rounds of: prepare an application, send the same command to both replicas at once (each round the other
     * replica first in the list), expect one success and the serial loser's answer, and one event.
     */
    private static void race(Supplier<UUID> prepared, RacingCommand command, String eventType, int loserStatus,
                             String loserCode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            UUID id = prepared.get();
            long before = events.count();
            LedgerClient one = round % 2 == 0 ? replicaA : replicaB;
            LedgerClient other = one == replicaA ? replicaB : replicaA;
            List<Response> responses = Race.run(List.of(() -> command.send(one, id), () -> command.send(other, id)));

            String described = "round " + round + ": " + describe(responses);
            assertThat(Race.count(responses, 200)).as(described).isEqualTo(1);
            assertThat(Race.count(responses, loserStatus, loserCode)).as(described).isEqualTo(1);
            // answered by the state the winner left, not by the collision itself
            assertThat(responses).as(described).noneMatch(r -> r.raw().contains("changed concurrently"));
            assertThat(events.count() - before).as(described).isEqualTo(1);
            assertThat(events.of(id).stream().filter(e -> e.type().equals(eventType)).count()).as(described)
                    .isEqualTo(1);
        }
    }

    @FunctionalInterface
    private interface RacingCommand {
        Response send(LedgerClient replica, UUID id);
    }

    private static String describe(List<Response> responses) {
        List<String> answers = new ArrayList<>();
        for (Response r : responses) {
            answers.add(r.status() + " " + r.code() + (r.status() != 200 ? " " + r.raw() : ""));
        }
        return answers.toString();
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
