package cn.tj.specialfund.support.eventstore;

import cn.tj.specialfund.support.audit.EventSigner;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The storage engine of a process that writes events (the command side): every event is signed on its way into
 * the table, after every dispatch interceptor has had its say (a historical import's timestamp included), so the
 * signature covers the row exactly as it is stored. It reads no snapshots ({@link #readSnapshot}).
 */
final class SigningStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final EventSigner signer;
    private final Serializer eventSerializer;

    SigningStorageEngine(EventStorageEngine delegate, EventSigner signer, Serializer eventSerializer) {
        this.delegate = delegate;
        this.signer = signer;
        this.eventSerializer = eventSerializer;
    }

    @Override
    public void appendEvents(EventMessage<?>... events) {
        appendEvents(Arrays.asList(events));
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events.stream().<EventMessage<?>>map(e -> signer.sign(e, eventSerializer)).toList());
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
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

    /**
     * None: no process of the ledger takes snapshots (an application has a handful of events, and no snapshotter
     * is configured), so the snapshot table is empty; Axon's event store asks for a snapshot before it reads an
     * aggregate's events, which was one more SELECT for every command.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
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
