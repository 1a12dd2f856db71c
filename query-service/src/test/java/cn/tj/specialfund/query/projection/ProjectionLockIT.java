package cn.tj.specialfund.query.projection;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection lock while live batches overlap without a break, as they do while the projections catch up on
 * a backlog: the swap's exclusive lock is granted (it holds back the batches that come after it), and an update of
 * the {@code projection_state} row (the rebuild lease) does not wait for the batches at all. With a shared row
 * lock the two waited for as long as the batches ran.
 */
class ProjectionLockIT {

    private static final int BATCH_THREADS = 8;
    private static final long BATCH_MILLIS = 200;

    private final IsolatedDatabase database = IsolatedDatabase.create();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger batches = new AtomicInteger();
    private ExecutorService pool;
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private ProjectionLock lock;

    @BeforeEach
    void overlappingBatches() throws InterruptedException {
        // pooled, as the service's are: a batch starts as soon as the one before it on its thread has committed
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(BATCH_THREADS + 4);
        Flyway.configure().dataSource(dataSource)
                .schemas(database.isPostgres() ? new String[]{database.schema()} : new String[0])
                .locations("classpath:db/migration", "classpath:db/vendor/" + (database.isPostgres() ? "postgresql" : "h2"))
                .load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        lock = new ProjectionLock(jdbc);
        pool = Executors.newFixedThreadPool(BATCH_THREADS);
        for (int i = 0; i < BATCH_THREADS; i++) {
            int offset = i;
            pool.execute(() -> {
                sleep(offset * BATCH_MILLIS / BATCH_THREADS);
                while (running.get()) {
                    transaction.executeWithoutResult(tx -> {
                        lock.acquireShared();
                        sleep(BATCH_MILLIS);
                    });
                    batches.incrementAndGet();
                }
            });
        }
        while (batches.get() < 2 * BATCH_THREADS) {
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        dataSource.close();
        database.drop();
    }

    @Test
    void theSwapIsGrantedBetweenOverlappingBatchesAndTheLeaseRowNeverWaitsForThem() throws Exception {
        List<CompletableFuture<?>> done = new ArrayList<>();
        done.add(CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> lock.acquireExclusive())));
        done.add(CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> jdbc.update(
                "UPDATE projection_state SET rebuild_owner = ? WHERE id = 1", "3f2c1d0e-0000-4000-8000-000000000001"))));
        int before = batches.get();
        // granted between batches (a shared row lock held both off for about a minute here, for 17 minutes while
        // the projections caught up on a national-size log); the bound is liveness, not speed
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("SELECT rebuild_owner FROM projection_state WHERE id = 1", String.class))
                .isEqualTo("3f2c1d0e-0000-4000-8000-000000000001");
        // and the batches went on after it
        while (batches.get() < before + BATCH_THREADS) {
            Thread.sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
