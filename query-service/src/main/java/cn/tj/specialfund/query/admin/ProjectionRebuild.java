package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.query.projection.ProjectionLock;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import cn.tj.specialfund.query.projection.TokenPositions;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds every read model from the whole event log while the live ones keep answering.
 *
 * <ol>
 * <li>Folds a stream of the event store into memory, with no lock and no write.</li>
 * <li>In one transaction: takes the projection lock exclusively (no live batch is in flight, none can start),
 * reads the stream up to the log's head, replaces every read model's rows with the rebuilt ones (batched
 * JDBC), moves every processor's tokens to the stream's position and releases their claims; commits.</li>
 * </ol>
 * Readers see the old read models until that commit and the new ones after it, never a mix. Projections have
 * no side effects, so folding the log again repeats nothing outside the read models.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    public enum State { IDLE, REBUILDING }

    public record Status(State state, long processedEvents, long totalEvents, Instant startedAt, Instant finishedAt) {
    }

    private final EventStore eventStore;
    private final List<RebuildableReadModel> readModels;
    private final ProjectionLock lock;
    private final TokenPositions tokens;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int segments;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong processed = new AtomicLong();
    private volatile Status status = new Status(State.IDLE, 0, 0, null, null);

    ProjectionRebuild(EventStore eventStore, List<RebuildableReadModel> readModels, ProjectionLock lock,
                      TokenPositions tokens, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                      @Value("${ledger.projections.initial-segment-count:2}") int segments) {
        this.eventStore = eventStore;
        this.readModels = readModels;
        this.lock = lock;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.segments = segments;
    }

    /** Starts a rebuild unless one is running; either way returns the current status. */
    public synchronized Status start() {
        if (status.state() == State.REBUILDING) {
            return status();
        }
        processed.set(0);
        status = new Status(State.REBUILDING, 0, tokens.eventCount(), Instant.now(), null);
        worker.submit(this::run);
        return status();
    }

    public Status status() {
        Status s = status;
        return s.state() == State.REBUILDING
                ? new Status(s.state(), processed.get(), Math.max(s.totalEvents(), processed.get()), s.startedAt(), null)
                : s;
    }

    /** Fraction of the log folded by the running rebuild (1 when idle). */
    public double progress() {
        Status s = status();
        if (s.state() == State.IDLE) {
            return 1.0;
        }
        return s.totalEvents() == 0 ? 0.0 : Math.min(1.0, (double) s.processedEvents() / s.totalEvents());
    }

    private void run() {
        Status started = status;
        long begin = System.nanoTime();
        try {
            List<ReadModelRebuild> rebuilds = readModels.stream().map(RebuildableReadModel::startRebuild).toList();
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
                TrackingToken[] last = {null};
                while (stream.hasNextAvailable()) {
                    last[0] = fold(stream.nextAvailable(), rebuilds);
                }
                transaction.executeWithoutResult(tx -> {
                    lock.acquireExclusive();
                    long head = tokens.head();
                    try {
                        while (TokenPositions.positionOf(last[0]) < head) {
                            if (!stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("the event stream did not reach the head " + head);
                            }
                            last[0] = fold(stream.nextAvailable(), rebuilds);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("rebuild interrupted", e);
                    }
                    rebuilds.forEach(ReadModelRebuild::replaceLive);
                    readModels.forEach(m -> tokens.moveTo(m.processingGroup(), last[0], segments));
                    jdbc.update("UPDATE projection_state SET rebuilds = rebuilds + 1, last_rebuild_at = ? WHERE id = 1",
                            java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
                });
            }
            long events = processed.get();
            double seconds = (System.nanoTime() - begin) / 1e9;
            log.info("Rebuilt {} read models from {} events in {} s ({} events/s)", readModels.size(), events,
                    String.format("%.2f", seconds), Math.round(events / Math.max(seconds, 1e-3)));
            status = new Status(State.IDLE, events, events, started.startedAt(), Instant.now());
        } catch (RuntimeException e) {
            log.error("Rebuild failed; the read models were left as they were", e);
            status = new Status(State.IDLE, processed.get(), started.totalEvents(), started.startedAt(), Instant.now());
        } catch (Exception e) {
            log.error("Rebuild failed; the read models were left as they were", e);
            status = new Status(State.IDLE, processed.get(), started.totalEvents(), started.startedAt(), Instant.now());
        }
    }

    private TrackingToken fold(TrackedEventMessage<?> event, List<ReadModelRebuild> rebuilds) {
        for (ReadModelRebuild rebuild : rebuilds) {
            rebuild.apply(event);
        }
        processed.incrementAndGet();
        return event.trackingToken();
    }
}
