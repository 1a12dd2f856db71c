package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.query.projection.ProjectionBatch;
import cn.tj.specialfund.query.projection.ProjectionBatches;
import cn.tj.specialfund.query.projection.ReadModelComparison;
import cn.tj.specialfund.query.projection.ReadModelDifference;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import cn.tj.specialfund.query.projection.ShadowTableSwap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps the disbursements read model (§8): the names of the applications, the shares each award and top-up
 * commits, and the payments ledger with its reversals. Every figure of the endpoint is summed from these rows
 * up to an instant.
 */
@Component
@ProcessingGroup(DisbursementProjection.PROCESSING_GROUP)
class DisbursementProjection implements RebuildableReadModel {

    static final String PROCESSING_GROUP = "disbursements-ledger";

    private final ProjectionBatches batches;
    private final JdbcTemplate jdbc;
    private final DisbursementTables live;
    private final DisbursementTables shadow;

    DisbursementProjection(ProjectionBatches batches, JdbcTemplate jdbc) {
        this.batches = batches;
        this.jdbc = jdbc;
        this.live = DisbursementTables.live(jdbc);
        this.shadow = DisbursementTables.shadow(jdbc);
    }

    @EventHandler
    void on(ApplicationSubmitted event, EventMessage<?> message) {
        batches.apply(this, message);
    }

    @EventHandler
    void on(ApplicationAwarded event, EventMessage<?> message) {
        batches.apply(this, message);
    }

    @EventHandler
    void on(AwardToppedUp event, EventMessage<?> message) {
        batches.apply(this, message);
    }

    @EventHandler
    void on(DisbursementRecorded event, EventMessage<?> message) {
        batches.apply(this, message);
    }

    @EventHandler
    void on(DisbursementReversed event, EventMessage<?> message) {
        batches.apply(this, message);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public ProjectionBatch openBatch(List<? extends EventMessage<?>> events) {
        return new DisbursementBatch(live, events);
    }

    @Override
    public ReadModelRebuild startRebuild(RebuildSettings settings) {
        ShadowTableSwap swap = new ShadowTableSwap(jdbc);
        return new ReadModelRebuild() {
            @Override
            public void apply(List<? extends TrackedEventMessage<?>> events) {
                DisbursementBatch chunk = new DisbursementBatch(shadow, events);
                for (TrackedEventMessage<?> event : events) {
                    settings.parking().fold(event, () -> chunk.apply(event));
                }
                chunk.flush();
            }

            @Override
            public void flush() {
                // every chunk is written as it is applied
            }

            @Override
            public void prepareReplace() {
                shadow.prepareToReplace(live, swap);
            }

            @Override
            public void replaceLive() {
                shadow.replace(live, swap);
            }

            @Override
            public List<ReadModelDifference> differencesFromLive() {
                ReadModelComparison comparison = new ReadModelComparison(PROCESSING_GROUP);
                live.compare(shadow, comparison);
                return comparison.differences();
            }

            @Override
            public void clearShadow() {
                shadow.clear(swap);
            }
        };
    }
}
