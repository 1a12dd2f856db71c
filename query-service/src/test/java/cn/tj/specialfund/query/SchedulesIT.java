package cn.tj.specialfund.query;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * The query side's schedules do not wait for one another: while the scheduled verification is held up (here it
 * waits for the rebuild lease's row, locked by another connection; at national size it walks the log for
 * minutes), the checkpoints go on being signed every interval, as §9 asks (at least one a minute).
 */
class SchedulesIT {

    private final IsolatedDatabase database = IsolatedDatabase.create();
    private QueryService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        database.drop();
    }

    @Test
    void checkpointsAreSignedWhileTheVerificationWaits() throws Exception {
        service = QueryService.start(database, "--ledger.audit.checkpoint-interval=200ms",
                "--ledger.verify.interval=300ms", "--ledger.audit.verify-enabled=false");
        Scenario first = new Scenario(new Ledger().realTime());
        service.appender(database).append(first.ledger.written());
        long firstSize = first.ledger.written().size();
        service.awaitCheckpoint(firstSize, Duration.ofSeconds(60));

        try (Connection blocker = database.connect()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("SELECT rebuilds FROM projection_state WHERE id = 1 FOR UPDATE");
            }
            // the verification's next run now waits for the row (H2 gives up after its 10 s lock timeout)
            QueryService.sleep(1_000);
            Scenario second = new Scenario(new Ledger().realTime());
            service.appender(database).append(second.ledger.written());
            service.awaitCheckpoint(firstSize + second.ledger.written().size(), Duration.ofSeconds(8));
            blocker.rollback();
        }
    }
}
