package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.HistoricalImport;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Stamps the events of a historical import with the calendar time their command names
 * ({@link HistoricalImport#OCCURRED_AT}) instead of the time they are written, so that every as-of view of an
 * imported call tells its story. Events of every other command keep Axon's clock.
 */
@Configuration(proxyBeanMethods = false)
class HistoricalTimestamps implements MessageDispatchInterceptor<EventMessage<?>> {

    @Autowired
    void register(EventStore eventStore) {
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> occurredAt()
                .filter(at -> message instanceof DomainEventMessage<?>)
                .<EventMessage<?>>map(at -> restamped((DomainEventMessage<?>) message, at))
                .orElse(message);
    }

    private static Optional<Instant> occurredAt() {
        return CurrentUnitOfWork.map(uow -> uow.getMessage().getMetaData().get(HistoricalImport.OCCURRED_AT))
                .map(value -> Instant.parse(value.toString()));
    }

    private static <T> DomainEventMessage<T> restamped(DomainEventMessage<T> event, Instant at) {
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getPayload(), event.getMetaData(), event.getIdentifier(), at);
    }
}
