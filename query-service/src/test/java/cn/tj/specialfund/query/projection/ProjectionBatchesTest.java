package cn.tj.specialfund.query.projection;

import cn.tj.specialfund.query.ProjectionFixture;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stale-batch check of {@link ProjectionBatches}: a live batch a rebuild overtook never commits. */
class ProjectionBatchesTest {

    private static final String GROUP = "stale-check";
    private final ProjectionFixture fixture = new ProjectionFixture();
    private final List<Long> applied = new ArrayList<>();

    @Test
    void aBatchIsStaleWhenTheRebuiltTokenHasSeenAnyOfItsEventsEvenAfterOneThatFillsAGap() {
        // the rebuild moved the segment's token to 10, with 5 a gap its scan passed (a transaction not yet committed)
        storeToken(GapAwareTrackingToken.newInstance(10, List.of(5L)));

        // the live processor was at 4 and goes on with 5 (committed late), then 6 and 7, which the rebuild folded
        assertThat(run(5, 6, 7)).isInstanceOf(ProjectionBatches.StaleBatchException.class);
        assertThat(run(6, 7)).isInstanceOf(ProjectionBatches.StaleBatchException.class);
        assertThat(applied).isEmpty();

        // from the rebuilt token on: the late event and what came after the token
        assertThat(run(5, 11, 12)).isNull();
        assertThat(applied).containsExactly(5L, 11L, 12L);
    }

    @Test
    void aPlainTokenHasSeenEveryPositionUpToItsOwn() {
        assertThat(ProjectionBatches.hasSeen(new GlobalSequenceTrackingToken(10), 10)).isTrue();
        assertThat(ProjectionBatches.hasSeen(new GlobalSequenceTrackingToken(10), 11)).isFalse();
        GapAwareTrackingToken gaps = GapAwareTrackingToken.newInstance(10, List.of(3L, 5L));
        assertThat(List.of(3L, 4L, 5L, 10L, 11L)).map(p -> ProjectionBatches.hasSeen(gaps, p))
                .containsExactly(false, true, false, true, false);
    }

    private void storeToken(GapAwareTrackingToken token) {
        SerializedObject<byte[]> serialized = JacksonSerializer.defaultSerializer().serialize(token, byte[].class);
        fixture.jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner) "
                + "VALUES (?, 0, ?, ?, '1970-01-01T00:00:00Z', NULL)", GROUP, serialized.getData(),
                serialized.getType().getName());
    }

    /** Runs a batch of events at {@code positions} through segment 0 of the group; returns what it threw. */
    private Throwable run(long... positions) {
        RebuildableReadModel model = new RebuildableReadModel() {
            @Override
            public String processingGroup() {
                return GROUP;
            }

            @Override
            public ProjectionBatch openBatch(List<? extends EventMessage<?>> events) {
                return new ProjectionBatch() {
                    private final List<Long> batch = new ArrayList<>();

                    @Override
                    public void apply(EventMessage<?> event) {
                        batch.add(TokenPositions.positionOf(event));
                    }

                    @Override
                    public void flush() {
                        applied.addAll(batch);
                    }
                };
            }

            @Override
            public ReadModelRebuild startRebuild(RebuildSettings settings) {
                throw new UnsupportedOperationException();
            }
        };
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        for (long position : positions) {
            // the tokens a processor at 4 hands out: each event's position, nothing before it missing
            events.add(new GenericTrackedEventMessage<>(GapAwareTrackingToken.newInstance(position, List.of()),
                    GenericEventMessage.asEventMessage("event at " + position)));
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.resources().put("Processor[" + GROUP + "]/SegmentId", 0);
        try {
            unitOfWork.executeWithResult(() -> {
                fixture.batches.apply(model, unitOfWork.getMessage());
                return null;
            });
        } catch (Exception e) {
            return e;
        }
        var result = unitOfWork.getExecutionResult();
        return result != null && result.isExceptionResult() ? result.getExceptionResult() : null;
    }
}
