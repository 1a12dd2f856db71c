package cn.tj.specialfund.command;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.command.LedgerClient.Response;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The set-based rules hold when requests race: the last slot of 1.1 and one applicant's code. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class ConcurrencyIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final int RACERS = 8;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        if (DATABASE.isPostgres()) {
            DATABASE.drop();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private LedgerClient api;
    private EventLog events;

    @BeforeEach
    void setUp() {
        api = new LedgerClient(port);
        events = new EventLog(jdbc);
    }

    @Test
    void concurrentAwardsForTheLastSlotOf11HaveExactlyOneWinner() throws Exception {
        for (long i = events.awardsIn("1.1"); i < 9; i++) {
            api.awarded(FormJson.valid("1.1"), "MUNICIPAL");
        }
        assertThat(events.awardsIn("1.1")).isEqualTo(9);
        List<UUID> candidates = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            candidates.add(api.scored(FormJson.valid("1.1")));
        }

        List<Supplier<Response>> awards = candidates.stream()
                .<Supplier<Response>>map(id -> () -> api.award(id, "MUNICIPAL")).toList();
        List<Response> responses = Race.run(awards);

        assertThat(Race.count(responses, 200)).as(describe(responses)).isEqualTo(1);
        assertThat(Race.count(responses, 409, "DIRECTION_CAP_REACHED")).as(describe(responses)).isEqualTo(RACERS - 1);
        assertThat(events.awardsIn("1.1")).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT awarded FROM award_slot WHERE direction = '1.1'", Integer.class))
                .isEqualTo(10);
    }

    @Test
    void concurrentSubmissionsOfOneApplicantHaveExactlyOneWinner() throws Exception {
        String creditCode = FormJson.freshCreditCode().value();
        List<Supplier<Response>> submissions = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            ObjectNode form = FormJson.valid();
            FormJson.applicant(form).put("creditCode", creditCode);
            form.put("projectName", "attempt " + i);
            submissions.add(() -> api.submit(form));
        }
        List<Response> responses = Race.run(submissions);

        assertThat(Race.count(responses, 201)).as(describe(responses)).isEqualTo(1);
        assertThat(Race.count(responses, 409, "DUPLICATE_APPLICANT")).as(describe(responses)).isEqualTo(RACERS - 1);
        assertThat(submissionsOf(jdbc, creditCode)).isEqualTo(1);
    }

    static long submissionsOf(JdbcTemplate jdbc, String creditCode) {
        return jdbc.query("SELECT payload FROM domain_event_entry WHERE payload_type = ?",
                        (rs, row) -> new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8),
                        ApplicationSubmitted.class.getName())
                .stream().filter(payload -> payload.contains("\"" + creditCode + "\"")).count();
    }

    static String describe(List<Response> responses) {
        return responses.stream().map(r -> r.status() + " " + r.code()).toList().toString();
    }
}
