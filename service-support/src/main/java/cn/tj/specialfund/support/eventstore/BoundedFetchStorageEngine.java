package cn.tj.specialfund.support.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The storage engine as the {@code EmbeddedEventStore} sees it: the same, except that a blocking read of the
 * log (the store's producer, the only caller that asks for one) ends after {@code maxEvents} events.
 * <p>
 * The producer keeps a reference to the newest cached event from the start of each read until that read ends,
 * and a blocking read only ends when the log has nothing more. While the log grows faster than that (a bulk
 * load, a burst of commands), every event it reads stays reachable through that reference, whatever the
 * cache's size: 270 000 events filled the query side's 512 MB heap and killed the producer thread. A read
 * that ends after a cache's worth of events lets the producer start the next one from its newest event and
 * the cache be trimmed; the next read is one more indexed query.
 */
final class BoundedFetchStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final int maxEvents;

    BoundedFetchStorageEngine(EventStorageEngine delegate, int maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1");
        }
        this.delegate = delegate;
        this.maxEvents = maxEvents;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = delegate.readEvents(trackingToken, mayBlock);
        return mayBlock ? events.limit(maxEvents) : events;
    }

    @Override
    public void appendEvents(EventMessage<?>... events) {
        delegate.appendEvents(events);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
