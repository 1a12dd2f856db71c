package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.query.applicationstate.ApplicationNames;
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

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the commitments ledger: a line per award and per top-up (the events carry everything a line needs), its
 * sums per day ({@link CommitmentTotals}), and its own copy of the applications' names for the entries and the
 * exports.
 */
@Component
@ProcessingGroup(FinanceProjection.PROCESSING_GROUP)
class FinanceProjection implements RebuildableReadModel {

    static final String PROCESSING_GROUP = "finance-ledger";
    static final String NAMES = "finance_application";
    static final String NAMES_SHADOW = "finance_application_shadow";

    private final ProjectionBatches batches;
    private final CommitmentLedger ledger;
    private final CommitmentLedger shadow;
    private final ApplicationNames names;
    private final ApplicationNames shadowNames;
    private final CommitmentTotals totals;
    private final JdbcTemplate jdbc;

    FinanceProjection(ProjectionBatches batches, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.ledger = new CommitmentLedger(jdbc, CommitmentLedger.TABLE);
        this.shadow = new CommitmentLedger(jdbc, CommitmentLedger.SHADOW);
        this.names = new ApplicationNames(jdbc, NAMES);
        this.shadowNames = new ApplicationNames(jdbc, NAMES_SHADOW);
        this.totals = new CommitmentTotals(jdbc);
    }

    @EventHandler
    void on(ApplicationSubmitted event, EventMessage<?> message) {
        record(message);
    }

    @EventHandler
    void on(ApplicationAwarded event, EventMessage<?> message) {
        record(message);
    }

    @EventHandler
    void on(AwardToppedUp event, EventMessage<?> message) {
        record(message);
    }

    private void record(EventMessage<?> message) {
        batches.apply(this, message);
    }

    @Override
    public ProjectionBatch openBatch(List<? extends EventMessage<?>> events) {
        return new Batch();
    }

    private final class Batch implements ProjectionBatch {
        private final List<Commitment> lines = new ArrayList<>();
        private final List<ApplicationNames.Name> submitted = new ArrayList<>();

        @Override
        public void apply(EventMessage<?> event) {
            fold(event, lines, submitted);
        }

        @Override
        public void flush() {
            names.insert(submitted);
            ledger.insert(lines);
            CommitmentTotals.Changes sums = new CommitmentTotals.Changes();
            sums.add(lines);
            totals.add(sums);
        }
    }

    private static void fold(EventMessage<?> event, List<Commitment> lines, List<ApplicationNames.Name> submitted) {
        Commitment line = Commitment.of(event);
        if (line != null) {
            lines.add(line);
        }
        ApplicationNames.Name name = ApplicationNames.Name.of(event.getPayload());
        if (name != null) {
            submitted.add(name);
        }
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public ReadModelRebuild startRebuild(RebuildSettings settings) {
        ShadowTableSwap swap = new ShadowTableSwap(jdbc);
        CommitmentTotals.Changes rebuilt = new CommitmentTotals.Changes();
        return new ReadModelRebuild() {
            @Override
            public void apply(List<? extends TrackedEventMessage<?>> events) {
                List<Commitment> lines = new ArrayList<>();
                List<ApplicationNames.Name> submitted = new ArrayList<>();
                for (TrackedEventMessage<?> event : events) {
                    settings.parking().fold(event, () -> fold(event, lines, submitted));
                }
                shadowNames.insert(submitted);
                shadow.insert(lines);
                rebuilt.add(lines);
            }

            @Override
            public void flush() {
                // every chunk's lines are written as it is applied
            }

            @Override
            public void prepareReplace() {
                swap.prepare(CommitmentLedger.TABLE, CommitmentLedger.SHADOW);
                swap.prepare(NAMES, NAMES_SHADOW);
            }

            @Override
            public void replaceLive() {
                swap.swap(CommitmentLedger.TABLE, CommitmentLedger.SHADOW, () -> ledger.replaceAllWithRowsOf(shadow));
                swap.swap(NAMES, NAMES_SHADOW, () -> names.replaceAllWithRowsOf(shadowNames));
                totals.replaceAll(rebuilt);
            }

            @Override
            public List<ReadModelDifference> differencesFromLive() {
                ReadModelComparison comparison = new ReadModelComparison(PROCESSING_GROUP).tables(jdbc,
                        CommitmentLedger.TABLE, CommitmentLedger.SHADOW, CommitmentLedger.COLUMNS);
                names.compareWith(shadowNames, comparison);
                comparison.figures(CommitmentTotals.TABLE, totals.all(), rebuilt.sums(), "none");
                return comparison.differences();
            }

            @Override
            public void clearShadow() {
                swap.clear(CommitmentLedger.SHADOW);
                swap.clear(NAMES_SHADOW);
            }
        };
    }
}
