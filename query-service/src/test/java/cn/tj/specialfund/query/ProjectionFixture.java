package cn.tj.specialfund.query;

import cn.tj.specialfund.query.projection.ProjectionBatches;
import cn.tj.specialfund.query.projection.ProjectionLock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
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
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.batches = new ProjectionBatches(new ProjectionLock(jdbc), jdbc, JacksonSerializer.defaultSerializer());
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
}
