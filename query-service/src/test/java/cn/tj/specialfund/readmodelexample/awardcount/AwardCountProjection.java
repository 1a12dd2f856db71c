package cn.tj.specialfund.readmodelexample.awardcount;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.query.projection.ProjectionBatch;
import cn.tj.specialfund.query.projection.ProjectionBatches;
import cn.tj.specialfund.query.projection.ReadModelComparison;
import cn.tj.specialfund.query.projection.ReadModelDifference;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read model added the way any new one is, in one package and nothing outside it: awards per direction. Its
 * table is created here (a real read model's would be a Flyway migration). {@link #FAILING} makes it throw for
 * chosen applications, as a bug would.
 */
@Component
@ProcessingGroup(AwardCountProjection.PROCESSING_GROUP)
public class AwardCountProjection implements RebuildableReadModel {

    public static final String PROCESSING_GROUP = "award-count-example";
    /** Applications whose awards this read model cannot apply until they are removed from here. */
    public static final Set<UUID> FAILING = ConcurrentHashMap.newKeySet();
    /** Applications whose awards the database refuses when the batch writes them (at prepare-commit). */
    public static final Set<UUID> FAILING_WRITES = ConcurrentHashMap.newKeySet();

    private final ProjectionBatches batches;
    private final AwardCounts counts;

    AwardCountProjection(ProjectionBatches batches, JdbcTemplate jdbc) {
        this.batches = batches;
        this.counts = new AwardCounts(jdbc);
    }

    @EventHandler
    void on(ApplicationAwarded event, EventMessage<?> message) {
        batches.apply(this, message);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public ProjectionBatch openBatch(List<? extends EventMessage<?>> events) {
        Map<String, Long> added = new TreeMap<>();
        boolean[] refused = {false};
        return new ProjectionBatch() {
            @Override
            public void apply(EventMessage<?> event) {
                fold(added, event);
                refused[0] |= event.getPayload() instanceof ApplicationAwarded a && FAILING_WRITES.contains(a.applicationId());
            }

            @Override
            public void flush() {
                counts.add(added);
                if (refused[0]) {
                    counts.writeRefusedByTheDatabase();
                }
            }
        };
    }

    @Override
    public ReadModelRebuild startRebuild(RebuildSettings settings) {
        Map<String, Long> rebuilt = new TreeMap<>();
        return new ReadModelRebuild() {
            @Override
            public void apply(List<? extends TrackedEventMessage<?>> events) {
                events.forEach(event -> settings.parking().fold(event, () -> fold(rebuilt, event)));
            }

            @Override
            public void flush() {
                // a dozen figures, kept in memory until the swap
            }

            @Override
            public void prepareReplace() {
                // no indexes to build
            }

            @Override
            public void replaceLive() {
                counts.replaceAll(rebuilt);
            }

            @Override
            public List<ReadModelDifference> differencesFromLive() {
                return new ReadModelComparison(PROCESSING_GROUP).figures("award_count_example", counts.all(), rebuilt, 0L)
                        .differences();
            }

            @Override
            public void clearShadow() {
                rebuilt.clear();
            }
        };
    }

    private static void fold(Map<String, Long> counts, EventMessage<?> event) {
        if (event.getPayload() instanceof ApplicationAwarded awarded) {
            if (FAILING.contains(awarded.applicationId())) {
                throw new IllegalStateException("cannot count the award of " + awarded.applicationId());
            }
            counts.merge(awarded.direction().code(), 1L, Long::sum);
        }
    }
}
