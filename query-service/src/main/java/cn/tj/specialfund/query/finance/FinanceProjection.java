package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.AwardToppedUp;
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

/** Keeps the commitments ledger: a line per award and per top-up. Events carry everything a line needs. */
@Component
@ProcessingGroup(FinanceProjection.PROCESSING_GROUP)
class FinanceProjection implements RebuildableReadModel {

    static final String PROCESSING_GROUP = "finance-ledger";

    private final ProjectionBatches batches;
    private final CommitmentLedger ledger;
    private final CommitmentLedger shadow;
    private final JdbcTemplate jdbc;

    FinanceProjection(ProjectionBatches batches, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.ledger = new CommitmentLedger(jdbc, CommitmentLedger.TABLE);
        this.shadow = new CommitmentLedger(jdbc, CommitmentLedger.SHADOW);
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

        @Override
        public void apply(EventMessage<?> event) {
            Commitment line = Commitment.of(event);
            if (line != null) {
                lines.add(line);
            }
        }

        @Override
        public void flush() {
            ledger.insert(lines);
        }
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public ReadModelRebuild startRebuild(RebuildSettings settings) {
        ShadowTableSwap swap = new ShadowTableSwap(jdbc);
        return new ReadModelRebuild() {
            @Override
            public void apply(List<? extends TrackedEventMessage<?>> events) {
                List<Commitment> lines = new ArrayList<>();
                for (TrackedEventMessage<?> event : events) {
                    settings.parking().fold(event, () -> {
                        Commitment line = Commitment.of(event);
                        if (line != null) {
                            lines.add(line);
                        }
                    });
                }
                shadow.insert(lines);
            }

            @Override
            public void flush() {
                // every chunk's lines are written as it is applied
            }

            @Override
            public void prepareReplace() {
                swap.prepare(CommitmentLedger.TABLE, CommitmentLedger.SHADOW);
            }

            @Override
            public void replaceLive() {
                swap.swap(CommitmentLedger.TABLE, CommitmentLedger.SHADOW, () -> ledger.replaceAllWithRowsOf(shadow));
            }

            @Override
            public List<ReadModelDifference> differencesFromLive() {
                return new ReadModelComparison(PROCESSING_GROUP).tables(jdbc, CommitmentLedger.TABLE,
                        CommitmentLedger.SHADOW, CommitmentLedger.COLUMNS).differences();
            }

            @Override
            public void clearShadow() {
                swap.clear(CommitmentLedger.SHADOW);
            }
        };
    }
}
