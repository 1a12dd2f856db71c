package cn.tj.specialfund.command;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application is loaded from its whole history when that history is longer than one read of the event store
 * (batch size 2 here): the store stops at the first short range instead of reading until an empty one, and a
 * history that fills its last range exactly is read to its end all the same. The proof is the state the rules
 * see: an awarded application refuses another score.
 */
class LongHistoryIT {

    private static IsolatedDatabase database;
    private static ConfigurableApplicationContext service;
    private static LedgerClient ledger;
    private static EventLog events;

    @BeforeAll
    static void start() {
        database = IsolatedDatabase.create();
        List<String> args = new ArrayList<>(database.arguments());
        args.add("--server.port=0");
        args.add("--spring.profiles.active=demo");
        args.add("--ledger.event-store.batch-size=2");
        service = new SpringApplicationBuilder(CommandServiceApplication.class).run(args.toArray(String[]::new));
        ledger = new LedgerClient(((ServletWebServerApplicationContext) service).getWebServer().getPort());
        events = new EventLog(service.getBean(JdbcTemplate.class));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void aHistoryLongerThanOneReadIsLoadedWhole() {
        for (int rescores : new int[]{2, 1}) {
            UUID id = ledger.scored(FormJson.valid("1.2"));
            for (int i = 0; i < rescores; i++) {
                assertThat(ledger.score(id, String.valueOf(81 + i)).status()).isEqualTo(200);
            }
            LedgerClient.Response award = ledger.award(id, "MUNICIPAL");
            assertThat(award.status()).as(award.raw()).isEqualTo(200);
            int length = 4 + rescores;
            assertThat(events.of(id)).as("events of the application").hasSize(length);

            LedgerClient.Response late = ledger.score(id, "99");
            assertThat(late.status()).as("%d events, a score after the award", length).isEqualTo(409);
            assertThat(late.code()).isEqualTo("INVALID_STATE");
            assertThat(events.of(id)).hasSize(length);
        }
    }
}
