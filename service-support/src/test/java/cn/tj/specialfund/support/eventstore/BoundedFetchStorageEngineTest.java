package cn.tj.specialfund.support.eventstore;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedFetchStorageEngineTest {

    /** A log that grows faster than it is read: a blocking read of it never runs out of events. */
    private static final class EverGrowingLog extends InMemoryEventStorageEngine {
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            if (!mayBlock) {
                return super.readEvents(trackingToken, false);
            }
            AtomicLong index = new AtomicLong();
            return Stream.generate(() -> new GenericTrackedEventMessage<>(
                    new GlobalSequenceTrackingToken(index.getAndIncrement()),
                    GenericEventMessage.asEventMessage("event")));
        }
    }

    @Test
    void theStoresBlockingReadEndsAfterACachesWorthOfEventsEvenWhileTheLogKeepsGrowing() {
        BoundedFetchStorageEngine engine = new BoundedFetchStorageEngine(new EverGrowingLog(), 1_000);

        assertThat(engine.readEvents((TrackingToken) null, true).count()).isEqualTo(1_000);
    }

    @Test
    void everyOtherReadIsTheLogsOwn() {
        EverGrowingLog log = new EverGrowingLog();
        for (int i = 0; i < 5; i++) {
            log.appendEvents(GenericEventMessage.asEventMessage("event " + i));
        }
        BoundedFetchStorageEngine engine = new BoundedFetchStorageEngine(log, 2);

        assertThat(engine.readEvents((TrackingToken) null, false).map(e -> (Object) e.getPayload()))
                .containsExactly("event 0", "event 1", "event 2", "event 3", "event 4");
    }
}
