package cn.tj.specialfund.query.projection;

import cn.tj.specialfund.support.eventstore.LateCommits;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs each read model's live batches: one {@link ProjectionBatch} per processor batch (Axon unit of work), opened
 * on the batch's first event and written when the unit of work prepares to commit. Opening it takes the shared
 * {@link ProjectionLock} and refuses a batch a rebuild has made stale, then hands the read model every event of
 * the batch at once so it can load what it needs in one query instead of one per event. No event can stop a
 * batch: {@link GuardedBatch} parks what the read model cannot apply in its {@link DeadLetters}.
 */
@Component
public class ProjectionBatches {

    private final ProjectionLock lock;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final DeadLetters deadLetters;
    private final Savepoints savepoints;
    private final LogPositions positions;
    private final DatabaseProduct database;

    public ProjectionBatches(ProjectionLock lock, JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer,
                             DeadLetters deadLetters, LateCommits lateCommits) {
        this.lock = lock;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.deadLetters = deadLetters;
        this.savepoints = new Savepoints(jdbc.getDataSource());
        this.positions = new LogPositions(lateCommits);
        this.database = new DatabaseProduct(jdbc);
    }

    /** Folds {@code event} into {@code readModel}'s batch for the current unit of work, opened on first use. */
    public void apply(RebuildableReadModel readModel, EventMessage<?> event) {
        String processingGroup = readModel.processingGroup();
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        GuardedBatch batch = uow.getOrComputeResource("ledger.projection-batch." + processingGroup, key -> {
            lock.acquireShared();
            List<EventMessage<?>> messages = positions.withOwnPositions(messagesOf(uow));
            Set<String> parked = rejectIfStaleAndReadParked(processingGroup, uow, messages);
            GuardedBatch opened = new GuardedBatch(readModel, messages, parked, deadLetters, savepoints);
            uow.onPrepareCommit(u -> opened.commit());
            return opened;
        });
        // each event at its own position, as the batch was opened with them
        batch.apply(positions.withOwnPosition(event));
    }

    @SuppressWarnings("unchecked")
    private static List<? extends EventMessage<?>> messagesOf(UnitOfWork<?> uow) {
        if (uow instanceof BatchingUnitOfWork<?> batching) {
            return (List<? extends EventMessage<?>>) batching.getMessages();
        }
        return List.of((EventMessage<?>) uow.getMessage());
    }

    /**
     * A rebuild moves every segment's token past what it rebuilt. A batch that was already under way when the
     * rebuild swapped its state in would apply events the rebuilt state already contains: it must not commit.
     * The token its segment has now tells: if it counts any of the batch's events (each at its own position) as
     * seen, the batch is stale. Any, not the first: the rebuild's token keeps the gaps its scan passed, and a batch
     * that starts with an event filling one of them (committed late) goes on with events the rebuild folded. No
     * batch of the segment's own processor holds such an event: it delivers only what its token has not seen.
     * <p>
     * The same statement counts the group's dead letters, so that a batch of a group without any (nearly always)
     * costs one round trip here, not two: at a few events per batch these per-batch statements were a large part
     * of what the projections ask of the database. Returns the applications with dead letters in the group.
     * <p>
     * On PostgreSQL the same statement lets the batch's transaction commit without waiting for its WAL to reach the
     * disk ({@code synchronous_commit} off, for this transaction only). A read model is derived from the log: a
     * crash of the database can lose only whole batches, their token with them (one transaction), and the processor
     * then reads those events again from the token that survived. Nothing the log holds is lost or counted twice;
     * the batch no longer waits for a flush of its own, and the flushes are shared with the commands' commits.
     */
    private Set<String> rejectIfStaleAndReadParked(String processingGroup, UnitOfWork<?> uow,
                                                   List<EventMessage<?>> messages) {
        Object segment = uow.getResource("Processor[" + processingGroup + "]/SegmentId");
        if (!(segment instanceof Integer segmentId) || messages.isEmpty()) {
            return deadLetters.parkedSequences(processingGroup);
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT (SELECT COUNT(*) FROM dead_letter_entry d"
                        + " WHERE d.processing_group = ?) AS parked, t.token, t.token_type"
                        + (database.isPostgres() ? ", set_config('synchronous_commit', 'off', true) AS commit_mode" : "")
                        + " FROM (SELECT 1 AS one) one LEFT JOIN token_entry t"
                        + " ON t.processor_name = ? AND t.segment = ?",
                processingGroup, processingGroup, segmentId);
        if (row.get("token") != null) {
            TrackingToken stored = new GenericTokenEntry<>((byte[]) row.get("token"), (String) row.get("token_type"),
                    java.time.Instant.EPOCH.toString(), null, processingGroup, segmentId, byte[].class)
                    .getToken(serializer);
            for (EventMessage<?> message : messages) {
                if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                        && hasSeen(stored, TokenPositions.positionOf(message))) {
                    throw new StaleBatchException(processingGroup, segmentId);
                }
            }
        }
        return ((Number) row.get("parked")).longValue() == 0 ? new HashSet<>()
                : deadLetters.parkedSequences(processingGroup);
    }

    /** Whether a stored token counts the event at {@code position} as seen. */
    static boolean hasSeen(TrackingToken stored, long position) {
        TrackingToken token = WrappedToken.unwrapLowerBound(stored);
        if (token instanceof GapAwareTrackingToken gapAware) {
            return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
        }
        if (token instanceof GlobalSequenceTrackingToken global) {
            return position <= global.getGlobalIndex();
        }
        return false;
    }

    /** Thrown to roll back a batch that a rebuild overtook; the processor re-reads its token and goes on. */
    public static final class StaleBatchException extends RuntimeException {
        StaleBatchException(String processingGroup, int segment) {
            super("batch of " + processingGroup + "[" + segment + "] was overtaken by a rebuild; it is rolled back");
        }
    }
}
