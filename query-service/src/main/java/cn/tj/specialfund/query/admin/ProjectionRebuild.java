package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.query.projection.DeadLetters;
import cn.tj.specialfund.query.projection.EventLogScan;
import cn.tj.specialfund.query.projection.ProjectionLock;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import cn.tj.specialfund.query.projection.RebuildableReadModel.RebuildSettings;
import cn.tj.specialfund.query.projection.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds every read model from the whole event log while the live ones keep answering and updating.
 *
 * <ol>
 * <li>Reads the log straight from its table (one streaming query, {@link EventLogScan}) and folds it, a chunk
 * of events at a time, into each read model's shadow tables, each read model on a thread of its own: one
 * transaction per chunk and read model, no projection lock, memory bounded by the chunks and the read models'
 * caches. Then catches up, still without the lock, with what was appended meanwhile, writes out what the read
 * models still hold in memory, and builds the shadow tables' query indexes ({@link
 * cn.tj.specialfund.query.projection.ShadowTableSwap}).</li>
 * <li>In one short transaction: takes the projection lock exclusively (no live batch is in flight, none can
 * start), reads the few events appended since up to the log's head, puts every read model's shadow tables in
 * place of its live ones, moves every processor's tokens to the position read (a gap-aware token, with the gaps the scan
 * passed) and releases their claims; commits. Then empties the shadow tables.</li>
 * </ol>
 * Readers see the old read models until that commit and the new ones after it, never a mix. An event a read
 * model cannot fold does not fail the rebuild: it is parked with every later event of its application
 * ({@code RebuildParking}), and in the swap those become the read model's dead letters in place of the ones it
 * had (which were parked against the state being replaced), so a later retry applies nothing twice. Projections have
 * no side effects, so folding the log again repeats nothing outside the read models; live batches that were
 * under way when the tokens moved are refused as stale by {@code ProjectionBatches}.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    public enum State { IDLE, REBUILDING }

    public record Status(State state, long processedEvents, long totalEvents, Instant startedAt, Instant finishedAt) {
    }

    private final LogFold logFold;
    private final List<RebuildableReadModel> readModels;
    private final ProjectionLock lock;
    private final TokenPositions tokens;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int segments;
    private final DeadLetters deadLetters;
    private final RebuildLease lease;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong processed = new AtomicLong();
    private volatile Status status = new Status(State.IDLE, 0, 0, null, null);

    ProjectionRebuild(LogFold logFold, List<RebuildableReadModel> readModels, ProjectionLock lock,
                      TokenPositions tokens, JdbcTemplate jdbc, DeadLetters deadLetters,
                      @Value("${ledger.projections.initial-segment-count:2}") int segments,
                      @Value("${ledger.projections.rebuild.lease:60s}") Duration leaseLength) {
        this.logFold = logFold;
        this.readModels = readModels;
        this.lock = lock;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.transaction = logFold.transaction();
        this.segments = segments;
        this.deadLetters = deadLetters;
        this.lease = new RebuildLease(jdbc, leaseLength, Clock.systemUTC());
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
        long begin = 0;
        List<ReadModelRebuild> rebuilds = List.of();
        boolean leased = false;
        // IDLE is announced only once the shadows are empty and the lease is free, so that whoever sees IDLE may
        // start the next rebuild at once
        Status finished = null;
        try {
            awaitLease();
            leased = true;
            // timed from here: a verification that held the lease is not part of the rebuild
            begin = System.nanoTime();
            List<RebuildSettings> settings = readModels.stream().map(m -> logFold.settings()).toList();
            rebuilds = LogFold.open(readModels, settings);
            List<ReadModelRebuild> all = rebuilds;
            EventLogScan scan = logFold.scan();

            // 1. the bulk of the log, no lock: decoded by the scan's thread, folded by a thread per read model,
            //    a chunk per transaction; then what was appended meanwhile, still no lock, then everything still
            //    in memory to the shadow tables
            logFold.foldWithoutLock(scan, all, lease, processed);
            lease.renew();
            transaction.executeWithoutResult(tx -> all.forEach(ReadModelRebuild::flush));
            transaction.executeWithoutResult(tx -> all.forEach(ReadModelRebuild::prepareReplace));
            lease.renew();
            long folded = processed.get();
            double foldSeconds = (System.nanoTime() - begin) / 1e9;

            // 2. the swap: exclusive lock, the last few events, live rows from the shadows, tokens
            long swapBegin = System.nanoTime();
            transaction.executeWithoutResult(tx -> {
                lock.acquireExclusive();
                scan.catchUp(jdbc, chunk -> LogFold.fold(chunk, all, processed));
                all.forEach(ReadModelRebuild::replaceLive);
                readModels.forEach(m -> tokens.moveTo(m.processingGroup(), scan.token(), segments));
                for (int i = 0; i < readModels.size(); i++) {
                    deadLetters.replace(readModels.get(i).processingGroup(), settings.get(i).parking().parked());
                }
                jdbc.update("UPDATE projection_state SET rebuilds = rebuilds + 1, last_rebuild_at = ? WHERE id = 1",
                        OffsetDateTime.now(ZoneOffset.UTC));
            });
            long events = processed.get();
            double seconds = (System.nanoTime() - begin) / 1e9;
            log.info("Rebuilt {} read models from {} events in {} s ({} events/s; folding {} events and indexing took {} s, "
                            + "the swap under the lock {} s); processors moved to {}", readModels.size(), events,
                    String.format("%.2f", seconds), Math.round(events / Math.max(seconds, 1e-3)), folded,
                    String.format("%.2f", foldSeconds),
                    String.format("%.2f", (System.nanoTime() - swapBegin) / 1e9), scan.lastIndex());
            finished = new Status(State.IDLE, events, events, started.startedAt(), null);
        } catch (RuntimeException e) {
            log.error("Rebuild failed; the read models were left as they were", e);
        } catch (Error e) {
            log.error("Rebuild failed; the read models were left as they were", e);
            throw e;
        } finally {
            if (leased) {
                LogFold.clear(rebuilds);
                releaseLease();
            }
            status = finished != null
                    ? new Status(State.IDLE, finished.processedEvents(), finished.totalEvents(), started.startedAt(), Instant.now())
                    : new Status(State.IDLE, processed.get(), started.totalEvents(), started.startedAt(), Instant.now());
        }
    }

    /**
     * Waits until this process holds the rebuild lease: another replica's rebuild finishes first (or its lease
     * expires) rather than both writing the same shadow tables. Fails only if interrupted.
     */
    private void awaitLease() {
        boolean logged = false;
        while (!lease.tryAcquire()) {
            if (!logged) {
                log.info("Another process is rebuilding the read models; this rebuild starts when it ends");
                logged = true;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for another process's rebuild", e);
            }
        }
    }

    private void releaseLease() {
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.warn("Could not release the rebuild lease; it expires on its own", e);
        }
    }
}
