package cn.tj.specialfund.query;

import cn.tj.specialfund.query.projection.ReadModelDifference;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import org.axonframework.eventhandling.TrackedEventMessage;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.tj.specialfund.query.projection.DeadLetters;
import cn.tj.specialfund.query.projection.ProjectionBatches;
import cn.tj.specialfund.query.projection.ProjectionLock;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import cn.tj.specialfund.support.eventstore.LateCommits;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh in-memory H2 database with the system's migrations, and a way to feed events into a projection
 * the way a processor does: a batch of tracked events in one unit of work.
 */
public final class ProjectionFixture {

    public final JdbcTemplate jdbc;
    public final ProjectionBatches batches;
    private long position;

    public ProjectionFixture() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:projection_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        this.batches = new ProjectionBatches(new ProjectionLock(jdbc), jdbc, serializer,
                new DeadLetters(jdbc, dataSource::getConnection, NoTransactionManager.INSTANCE, serializer, serializer),
                new LateCommits());
    }

    /** Feeds the events, in batches of {@code batchSize}, into the projection's event handlers. */
    public void feed(Object projection, List<DomainEventMessage<?>> events, int batchSize) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        for (int from = 0; from < events.size(); from += batchSize) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (DomainEventMessage<?> event : events.subList(from, Math.min(events.size(), from + batchSize))) {
                batch.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(++position), event));
            }
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            try {
                unitOfWork.executeWithResult(() -> {
                    EventMessage<?> message = unitOfWork.getMessage();
                    if (handlers.canHandle(message)) {
                        handlers.handle(message);
                    }
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (unitOfWork.getExecutionResult() != null && unitOfWork.getExecutionResult().isExceptionResult()) {
                throw new IllegalStateException(unitOfWork.getExecutionResult().getExceptionResult());
            }
        }
    }

    /**
     * Rebuilds {@code model} from {@code events} the way ProjectionRebuild does, in chunks of {@code chunkSize}
     * events keeping at most {@code cachedApplications} application states in memory, and swaps it in; the
     * events get the positions {@link #feed} gave them (1, 2, ...). Returns the rows of {@code tables} after.
     */
    public Map<String, List<Map<String, Object>>> rebuild(RebuildableReadModel model, List<DomainEventMessage<?>> events,
                                                          int chunkSize, int cachedApplications, String... tables) {
        ReadModelRebuild rebuild = model.startRebuild(new RebuildableReadModel.RebuildSettings(cachedApplications));
        rebuild.clearShadow();
        long at = 0;
        for (int from = 0; from < events.size(); from += chunkSize) {
            List<TrackedEventMessage<?>> chunk = new ArrayList<>();
            for (DomainEventMessage<?> event : events.subList(from, Math.min(events.size(), from + chunkSize))) {
                chunk.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(++at), event));
            }
            rebuild.apply(chunk);
        }
        rebuild.flush();
        rebuild.replaceLive();
        rebuild.clearShadow();
        return rows(tables);
    }

    /**
     * Folds {@code events} into {@code model}'s scratch state as a rebuild does and compares it with the live
     * state instead of swapping it in (the verification's fold); the live state is left as it was.
     */
    public List<ReadModelDifference> verify(RebuildableReadModel model, List<DomainEventMessage<?>> events) {
        ReadModelRebuild rebuild = model.startRebuild(new RebuildableReadModel.RebuildSettings(2));
        rebuild.clearShadow();
        List<TrackedEventMessage<?>> all = new ArrayList<>();
        long at = 0;
        for (DomainEventMessage<?> event : events) {
            all.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(++at), event));
        }
        rebuild.apply(all);
        rebuild.flush();
        List<ReadModelDifference> differences = rebuild.differencesFromLive();
        rebuild.clearShadow();
        return differences;
    }

    /** Every row of each table, in a fixed order. */
    public Map<String, List<Map<String, Object>>> rows(String... tables) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1"));
        }
        return rows;
    }
}
