package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationNotSelected;
import cn.tj.specialfund.coreapi.ApplicationScored;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.DistrictApproved;
import cn.tj.specialfund.coreapi.DistrictRejected;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.query.applicationstate.ApplicationState;
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

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the dashboards' counters: each event changes one application, and the direction and district rows
 * change by the difference between what that application contributed before and after. The application
 * states live in {@code dashboard_application}, the dashboards' own copy, which also lists the cap candidates.
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
class DashboardProjection implements RebuildableReadModel {

    static final String PROCESSING_GROUP = "dashboard-view";
    static final String TABLE = "dashboard_application";
    static final String SHADOW = "dashboard_application_shadow";

    private final ProjectionBatches batches;
    private final ApplicationStateTable table;
    private final DashboardTables counters;
    private final JdbcTemplate jdbc;
    private final DashboardSnapshots snapshots;
    private final ProgramRules rules = ProgramRules.CALL_2020;

    DashboardProjection(ProjectionBatches batches, JdbcTemplate jdbc, DashboardSnapshots snapshots) {
        this.batches = batches;
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.table = new ApplicationStateTable(TABLE, jdbc);
        this.counters = new DashboardTables(jdbc);
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
        return new Batch(events);
    }

    private final class Batch extends ApplicationStatesBatch {
        private final Map<Direction, DirectionFigures> directions = new EnumMap<>(Direction.class);
        private final Map<District, DistrictFigures> districts = new EnumMap<>(District.class);

        Batch(List<? extends EventMessage<?>> messages) {
            super(table, messages);
        }

        @Override
        public Change fold(EventMessage<?> message) {
            Change change = super.fold(message);
            ApplicationState after = change.after();
            directions.merge(after.direction(),
                    DirectionFigures.of(after).minus(DirectionFigures.of(change.before())), DirectionFigures::plus);
            districts.merge(after.district(), DistrictFigures.of(after, rules)
                    .minus(DistrictFigures.of(change.before(), rules)), DistrictFigures::plus);
            return change;
        }

        @Override
        public void flush() {
            super.flush();
            counters.addToDirections(directions);
            counters.addToDistricts(districts);
            snapshots.replaceAfterCommit();
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
        // the counters add up each event's difference, as the live batches do: a few rows, kept in memory
        Map<Direction, DirectionFigures> directions = new EnumMap<>(Direction.class);
        Map<District, DistrictFigures> districts = new EnumMap<>(District.class);
        return new ReadModelRebuild() {
            @Override
            public void apply(List<? extends TrackedEventMessage<?>> events) {
                states.apply(events, (before, after) -> {
                    directions.merge(after.direction(),
                            DirectionFigures.of(after).minus(DirectionFigures.of(before)), DirectionFigures::plus);
                    districts.merge(after.district(), DistrictFigures.of(after, rules)
                            .minus(DistrictFigures.of(before, rules)), DistrictFigures::plus);
                });
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
                counters.setDirections(directions);
                counters.setDistricts(districts);
                snapshots.replaceAfterCommit();
            }

            @Override
            public List<ReadModelDifference> differencesFromLive() {
                ReadModelComparison comparison = new ReadModelComparison(PROCESSING_GROUP);
                states.flush();
                states.compareWithLive(comparison);
                comparison.figures("direction_stats", counters.directions(), directions, DirectionFigures.NONE);
                comparison.figures("district_stats", counters.districts(), districts, DistrictFigures.NONE);
                return comparison.differences();
            }

            @Override
            public void clearShadow() {
                states.clear();
            }
        };
    }
}
