package cn.tj.specialfund.support.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's settings keep its memory bounded while the log grows faster than a processor reads: a stream
 * that stops reading must not keep every event fetched after its position reachable.
 */
class EventStoreMemoryTest {

    private EmbeddedEventStore store;

    @AfterEach
    void shutDown() {
        if (store != null) {
            store.shutDown();
        }
    }

    @Test
    void aStreamThatStopsReadingReleasesTheEventsFetchedAfterIt() throws Exception {
        store = EventStoreConfiguration.storeSettings(Duration.ofMillis(10), 10, Duration.ofMillis(50))
                .storageEngine(new CopyingStorageEngine())
                .build();
        store.publish(GenericEventMessage.asEventMessage("first"));
        BlockingStream<TrackedEventMessage<?>> stalled = store.openStream(null);
        BlockingStream<TrackedEventMessage<?>> reading = store.openStream(null);
        // both read what the log holds, then wait at its head, which makes them follow the store's shared cache
        for (BlockingStream<TrackedEventMessage<?>> stream : List.of(stalled, reading)) {
            assertThat(next(stream).getPayload()).isEqualTo("first");
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
        }
        store.publish(GenericEventMessage.asEventMessage("second"));
        assertThat(next(stalled).getPayload()).isEqualTo("second");
        assertThat(next(reading).getPayload()).isEqualTo("second");
        // from here on "stalled" is busy elsewhere and reads nothing; the log grows far past the cache's size
        store.publish(GenericEventMessage.asEventMessage("third"));
        WeakReference<TrackedEventMessage<?>> third = new WeakReference<>(next(reading));
        for (int i = 0; i < 200; i++) {
            store.publish(GenericEventMessage.asEventMessage("event " + i));
            next(reading);
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (third.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }

        assertThat(third.get())
                .as("an event 200 positions behind the head, still referenced through the stalled stream's position")
                .isNull();
        // the stalled stream still reads on from where it stopped, from the log
        assertThat(next(stalled).getPayload()).isEqualTo("third");
        stalled.close();
        reading.close();
    }

    /**
     * The stream's next event, waiting for it in short rounds as a processor does (a consumer of the store's
     * cache can miss a wake-up; the next round sees the event).
     */
    private static TrackedEventMessage<?> next(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
            assertThat(System.nanoTime()).as("an event within 5 s").isLessThan(deadline);
        }
        return stream.nextAvailable();
    }

    /**
     * An in-memory log that, like a database, hands out new message objects on every read (the in-memory
     * engine returns the stored ones, which would stay reachable through it).
     */
    private static final class CopyingStorageEngine extends InMemoryEventStorageEngine {

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            return super.readEvents(token, mayBlock)
                    .map(event -> new GenericTrackedEventMessage<>(event.trackingToken(), event));
        }
    }
}
