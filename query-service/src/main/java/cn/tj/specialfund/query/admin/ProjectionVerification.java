package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.query.projection.EventLogScan;
import cn.tj.specialfund.query.projection.ProjectionLock;
import cn.tj.specialfund.query.projection.ReadModelDifference;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import cn.tj.specialfund.query.projection.TokenPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that every read model is what the log says: folds the whole log independently, with the rebuild's own
 * fold ({@link RebuildableReadModel#startRebuild}, into the shadow tables, never the live ones), and compares it
 * with the live read models ({@link ReadModelRebuild#differencesFromLive()}) instead of swapping it in. Every
 * {@link RebuildableReadModel} bean is verified, so a read model added later is too.
 * <p>
 * Making the two comparable: the bulk of the log is folded with no lock while the live processors go on. Then
 * the verification waits (no lock) until every segment of every processor has reached the position the fold
 * reached, takes the projection lock exclusively (no live batch is in flight, none starts, so the tokens stand
 * still), and if every segment's token stands at one position, folds the few events up to exactly that position
 * and compares there; if the segments disagree (a steady stream of appends), or a live token still misses an
 * event the fold has read, it lets go of the lock and tries again, until {@code ledger.verify.settle-timeout}.
 * The cost: the live projections wait while the comparison runs under the lock (one {@code EXCEPT} query per
 * table and a few figures per read model); readers do not wait, the command side does not wait.
 * <p>
 * The shadow tables are the rebuild's, so a verification holds the rebuild lease (on any replica, one rebuild or
 * one verification at a time): while a rebuild runs, a verification is refused ({@link RebuildInProgress}, 409);
 * a rebuild asked for while a verification runs starts as soon as it ends. A verification waits for another one
 * (another replica's schedule, say) to end rather than being refused.
 */
@Component
public class ProjectionVerification {

    private static final Logger log = LoggerFactory.getLogger(ProjectionVerification.class);

    /** How many differences a result lists (all of them are counted, up to what each comparison keeps). */
    static final int LISTED = 100;
    private static final int IN_LIST = 500;

    /** A verification's outcome at {@code position}: the first {@value #LISTED} differences and their count. */
    public record Result(boolean consistent, long position, Instant checkedAt, int differenceCount,
                         List<ReadModelDifference> differences) {
    }

    /** A rebuild holds the shadow tables; verify after it. */
    public static final class RebuildInProgress extends RuntimeException {
        RebuildInProgress() {
            super("a rebuild of the read models is running");
        }
    }

    /** The live processors did not stand still at the fold's position (or another verification ran) in time. */
    public static final class NotSettled extends RuntimeException {
        NotSettled(String message) {
            super(message);
        }
    }

    private final LogFold logFold;
    private final List<RebuildableReadModel> readModels;
    private final ProjectionLock lock;
    private final TokenPositions tokens;
    private final JdbcTemplate jdbc;
    private final EventSchema schema;
    private final ProjectionRebuild rebuild;
    private final Duration settleTimeout;
    private final RebuildLease lease;
    private volatile Result last;

    ProjectionVerification(LogFold logFold, List<RebuildableReadModel> readModels, ProjectionLock lock,
                           TokenPositions tokens, JdbcTemplate jdbc, EventSchema schema, ProjectionRebuild rebuild,
                           MeterRegistry registry,
                           @Value("${ledger.projections.rebuild.lease:60s}") Duration leaseLength,
                           @Value("${ledger.verify.settle-timeout:60s}") Duration settleTimeout) {
        this.logFold = logFold;
        this.readModels = readModels;
        this.lock = lock;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.schema = schema;
        this.rebuild = rebuild;
        this.settleTimeout = settleTimeout;
        this.lease = RebuildLease.forVerification(jdbc, leaseLength, Clock.systemUTC());
        Gauge.builder("ledger.read.model.consistent", this, v -> v.lastFigure(r -> r.consistent() ? 1 : 0))
                .description("1 if the last verification found every read model as the event log says, 0 if not")
                .register(registry);
        Gauge.builder("ledger.read.model.differences", this, v -> v.lastFigure(Result::differenceCount))
                .description("differences between the read models and the event log found by the last verification")
                .register(registry);
        Gauge.builder("ledger.read.model.checked.position", this, v -> v.lastFigure(Result::position))
                .description("position in the event log up to which the last verification compared")
                .register(registry);
    }

    /** The last verification's result on this process, if any ran. */
    public Optional<Result> last() {
        return Optional.ofNullable(last);
    }

    /** Verifies every read model now; one verification at a time on this process, the others wait. */
    public synchronized Result verify() {
        if (rebuild.status().state() == ProjectionRebuild.State.REBUILDING) {
            throw new RebuildInProgress();
        }
        Instant deadline = Instant.now().plus(settleTimeout);
        awaitLease(deadline);
        try {
            Result result = run(deadline);
            last = result;
            return result;
        } finally {
            try {
                lease.release();
            } catch (RuntimeException e) {
                log.warn("Could not release the rebuild lease after a verification; it expires on its own", e);
            }
        }
    }

    private Result run(Instant deadline) {
        long begin = System.nanoTime();
        List<ReadModelRebuild> folds = List.of();
        AtomicLong folded = new AtomicLong();
        try {
            folds = LogFold.open(readModels, readModels.stream().map(m -> logFold.settings()).toList());
            List<ReadModelRebuild> all = folds;
            EventLogScan scan = logFold.scan();
            logFold.foldWithoutLock(scan, all, lease, folded);
            // what the folds hold in memory to the shadow tables before the lock, so that under it only the last
            // few events' states are written
            logFold.transaction().executeWithoutResult(tx -> all.forEach(ReadModelRebuild::flush));
            while (true) {
                awaitProcessors(scan.lastIndex(), deadline);
                long locked = System.nanoTime();
                Result result = logFold.transaction().execute(tx -> compareWhereLiveStands(scan, all, folded));
                if (result != null) {
                    log.info("Verified {} read models at position {} in {} s (the comparison under the lock {} s): "
                                    + "{} differences", readModels.size(), result.position(),
                            seconds(System.nanoTime() - begin), seconds(System.nanoTime() - locked),
                            result.differenceCount());
                    return result;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new NotSettled("the live read models did not stand still at one position of the log within "
                            + settleTimeout.toSeconds() + " s");
                }
                lease.renew();
                pause(50);
            }
        } finally {
            LogFold.clear(folds);
        }
    }

    /**
     * Under the exclusive projection lock: where every live segment stands, if they all stand at one position
     * the fold has not passed, the fold brought there and compared; null when they do not (try again).
     */
    private Result compareWhereLiveStands(EventLogScan scan, List<ReadModelRebuild> folds, AtomicLong folded) {
        lock.acquireExclusive();
        List<TrackingToken> live = liveTokens();
        if (live == null) {
            return null;
        }
        long position = TokenPositions.positionOf(live.get(0));
        if (live.stream().anyMatch(t -> TokenPositions.positionOf(t) != position) || position < scan.lastIndex()) {
            return null;
        }
        scan.catchUp(jdbc, position, chunk -> LogFold.fold(chunk, folds, folded));
        if (scan.lastIndex() != position || liveMissesEventsTheFoldRead(live, scan)) {
            return null;
        }
        folds.forEach(ReadModelRebuild::flush);
        List<ReadModelDifference> differences = new ArrayList<>();
        for (ReadModelRebuild fold : folds) {
            differences.addAll(fold.differencesFromLive());
        }
        return new Result(differences.isEmpty(), position, Instant.now(), differences.size(),
                List.copyOf(differences.subList(0, Math.min(LISTED, differences.size()))));
    }

    /** Every segment's token of every read model's processor (unwrapped); null if one has no segments yet. */
    private List<TrackingToken> liveTokens() {
        Map<String, List<TrackingToken>> all = tokens.segmentTokens();
        List<TrackingToken> live = new ArrayList<>();
        for (RebuildableReadModel readModel : readModels) {
            List<TrackingToken> segments = all.get(readModel.processingGroup());
            if (segments == null || segments.isEmpty()) {
                return null;
            }
            segments.forEach(t -> live.add(t == null ? null : WrappedToken.unwrapLowerBound(t)));
        }
        return live.isEmpty() ? null : live;
    }

    /**
     * Whether a live token still has a gap where the log now holds an event the fold has read (committed late,
     * not yet seen by that processor). Gaps without an event (a rolled-back append) do not matter.
     */
    private boolean liveMissesEventsTheFoldRead(List<TrackingToken> live, EventLogScan scan) {
        TreeSet<Long> gaps = new TreeSet<>();
        for (TrackingToken token : live) {
            if (token instanceof GapAwareTrackingToken gapAware) {
                gaps.addAll(gapAware.getGaps());
            }
        }
        gaps.removeAll(scan.gaps());
        List<Long> open = new ArrayList<>(gaps);
        for (int from = 0; from < open.size(); from += IN_LIST) {
            List<Long> some = open.subList(from, Math.min(open.size(), from + IN_LIST));
            Long found = jdbc.queryForObject("SELECT COUNT(*) FROM " + schema.domainEventTable() + " WHERE "
                    + schema.globalIndexColumn() + " IN (" + String.join(", ", Collections.nCopies(some.size(), "?"))
                    + ")", Long.class, some.toArray());
            if (found != null && found > 0) {
                return true;
            }
        }
        return false;
    }

    /** Waits, without a lock, until every segment of every read model's processor has reached {@code position}. */
    private void awaitProcessors(long position, Instant deadline) {
        while (true) {
            Map<String, Long> positions = tokens.slowestPositions();
            if (readModels.stream().allMatch(m -> positions.getOrDefault(m.processingGroup(), -2L) >= position)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new NotSettled("the live read models did not reach position " + position + " of the log within "
                        + settleTimeout.toSeconds() + " s");
            }
            lease.renew();
            pause(20);
        }
    }

    /** Takes the lease; refuses at once if a rebuild holds it, waits for another verification to end. */
    private void awaitLease(Instant deadline) {
        while (!lease.tryAcquire()) {
            if (lease.heldByRebuild()) {
                throw new RebuildInProgress();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new NotSettled("another verification did not end within " + settleTimeout.toSeconds() + " s");
            }
            pause(200);
        }
    }


    private double lastFigure(java.util.function.ToDoubleFunction<Result> figure) {
        Result result = last;
        return result == null ? Double.NaN : figure.applyAsDouble(result);
    }

    private static String seconds(long nanos) {
        return String.format("%.3f", nanos / 1e9);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSettled("interrupted while waiting for the live read models");
        }
    }
}
