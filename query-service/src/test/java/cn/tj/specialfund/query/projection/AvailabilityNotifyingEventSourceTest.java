package cn.tj.specialfund.query.projection;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processors' streams accept an availability callback, run when the log grows, and only while the
 * stream is open. (The waits below bound a hang, they measure nothing.)
 */
class AvailabilityNotifyingEventSourceTest {

    @Test
    void runsTheCallbacksOfOpenStreamsWhenAnEventArrives() throws Exception {
        Log log = new Log();
        try (AvailabilityNotifyingEventSource source = new AvailabilityNotifyingEventSource(log)) {
            BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
            CountDownLatch called = new CountDownLatch(1);
            assertThat(stream.setOnAvailableCallback(called::countDown)).isTrue();
            log.awaitWatcher();

            log.append();

            assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
            // the processor's own stream is untouched by the watcher: it still holds the event
            assertThat(stream.hasNextAvailable()).isTrue();
            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(0));
        }
    }

    @Test
    void forgetsTheCallbackOfAClosedStream() throws Exception {
        Log log = new Log();
        try (AvailabilityNotifyingEventSource source = new AvailabilityNotifyingEventSource(log)) {
            AtomicInteger closedCalls = new AtomicInteger();
            BlockingStream<TrackedEventMessage<?>> closed = source.openStream(null);
            closed.setOnAvailableCallback(closedCalls::incrementAndGet);
            CountDownLatch open = new CountDownLatch(1);
            source.openStream(null).setOnAvailableCallback(open::countDown);
            log.awaitWatcher();
            closed.close();

            log.append();

            assertThat(open.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(closedCalls).hasValue(0);
        }
    }

    @Test
    void refusesCallbacksOnceClosed() {
        AvailabilityNotifyingEventSource source = new AvailabilityNotifyingEventSource(new Log());
        source.close();
        assertThat(source.openStream(null).setOnAvailableCallback(() -> { })).isFalse();
    }

    /** An in-memory log: every stream reads the same list from its own position. */
    private static final class Log implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final List<TrackedEventMessage<?>> events = new CopyOnWriteArrayList<>();
        private final Semaphore watcherOpened = new Semaphore(0);

        synchronized void append() {
            events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(events.size()),
                    GenericEventMessage.asEventMessage("event " + events.size())));
            notifyAll();
        }

        void awaitWatcher() throws InterruptedException {
            assertThat(watcherOpened.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public TrackingToken createHeadToken() {
            return events.isEmpty() ? null : new GlobalSequenceTrackingToken(events.size() - 1);
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            int from = token == null ? 0 : (int) ((GlobalSequenceTrackingToken) token).getGlobalIndex() + 1;
            if (Thread.currentThread().getName().equals("event-availability-watcher")) {
                watcherOpened.release();
            }
            return new BlockingStream<>() {
                private int next = from;

                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return next < events.size() ? Optional.of(events.get(next)) : Optional.empty();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                    long deadline = System.nanoTime() + unit.toNanos(timeout);
                    synchronized (Log.this) {
                        while (next >= events.size()) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                return false;
                            }
                            TimeUnit.NANOSECONDS.timedWait(Log.this, left);
                        }
                        return true;
                    }
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.get(next++);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
