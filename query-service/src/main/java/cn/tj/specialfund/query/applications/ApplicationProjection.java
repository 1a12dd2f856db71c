package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationNotSelected;
import cn.tj.specialfund.coreapi.ApplicationScored;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.DistrictApproved;
import cn.tj.specialfund.coreapi.DistrictRejected;
import cn.tj.specialfund.query.applicationstate.ApplicationStateTable;
import cn.tj.specialfund.query.applicationstate.ApplicationStatesBatch;
import cn.tj.specialfund.query.applicationstate.ShadowApplicationStates;
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
 * Keeps {@code application_view} (every application as its events left it) and, in the same transactions,
 * {@code application_count} and {@code application_day_count} (how many stand in each direction, district and
 * status, and the same per day of submission).
 */
@Component
@ProcessingGroup(ApplicationProjection.PROCESSING_GROUP)
class ApplicationProjection implements RebuildableReadModel {

    static final String PROCESSING_GROUP = "applications-view";
    static final String TABLE = "application_view";
    static final String SHADOW = "application_view_shadow";

    private final ProjectionBatches batches;
    private final ApplicationStateTable table;
    private final ApplicationCounts counts;
    private final JdbcTemplate jdbc;

    ApplicationProjection(ProjectionBatches batches, JdbcTemplate jdbc) {
        this.batches = batches;
        this.jdbc = jdbc;
        this.table = new ApplicationStateTable(TABLE, jdbc);
        this.counts = new ApplicationCounts(jdbc);
    }

    @EventHandler
    void on(ApplicationSubmitted event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(DistrictApproved event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(DistrictRejected event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(ApplicationScored event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(ApplicationAwarded event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(ApplicationNotSelected event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(AwardToppedUp event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(DisbursementRecorded event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(DisbursementReversed event, EventMessage<?> message) {
        apply(message);
    }

    private void apply(EventMessage<?> message) {
        batches.apply(this, message);
    }

    @Override
    public ProjectionBatch openBatch(List<? extends EventMessage<?>> events) {
        return new CountingBatch(events);
    }

    /** A batch of application states that also moves the counts by what it changed, when it writes them. */
    private final class CountingBatch extends ApplicationStatesBatch {

        CountingBatch(List<? extends EventMessage<?>> messages) {
            super(table, messages);
        }

        @Override
        public void flush() {
            super.flush();
            ApplicationCounts.Changes changes = new ApplicationCounts.Changes();
            forEachNetChange(changes::record);
            counts.add(changes);
        }
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public ReadModelRebuild startRebuild(RebuildSettings settings) {
        ShadowApplicationStates states = new ShadowApplicationStates(new ApplicationStateTable(SHADOW, jdbc), table,
                new ShadowTableSwap(jdbc), settings);
        ApplicationCounts.Changes rebuilt = new ApplicationCounts.Changes();
        return new ReadModelRebuild() {
            @Override
            public void apply(List<? extends TrackedEventMessage<?>> events) {
                states.apply(events, rebuilt::record);
            }

            @Override
            public void flush() {
                states.flush();
            }

            @Override
            public void prepareReplace() {
                states.prepareReplace();
            }

            @Override
            public void replaceLive() {
                states.flush();
                states.replaceLive();
                counts.replaceAll(rebuilt);
            }

            @Override
            public List<ReadModelDifference> differencesFromLive() {
                ReadModelComparison comparison = new ReadModelComparison(PROCESSING_GROUP);
                states.flush();
                states.compareWithLive(comparison);
                comparison.figures("application_count", counts.all(), rebuilt.counts(), 0L);
                comparison.figures("application_day_count", counts.allDays(), rebuilt.dayCounts(), 0L);
                return comparison.differences();
            }

            @Override
            public void clearShadow() {
                states.clear();
            }
        };
    }
}
