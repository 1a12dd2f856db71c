package cn.tj.specialfund.query.projection;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the pooled processors see it: the same streams, plus an availability callback.
 * <p>
 * Axon's pooled {@code Coordinator} re-polls an idle stream only every 500 ms when the stream cannot call back
 * ({@code BlockingStream#setOnAvailableCallback} returns false, as the {@code EmbeddedEventStore}'s do), which
 * was most of the command → read-model lag. Here one daemon thread tails the log through its own stream (at the
 * head, so it shares the store's producer cache and adds no queries of its own) and, as soon as an event
 * arrives, runs the callbacks of every open processor stream; each callback only schedules that coordinator's
 * next run, which then reads its own stream. The watcher never touches the processors' streams, so nothing
 * here reads a stream from two threads. If the watcher fails, the coordinators still fall back to their own
 * periodic re-poll (at most the token claim interval).
 */
public final class AvailabilityNotifyingEventSource
        implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AvailabilityNotifyingEventSource.class);
    /** At most this many events are drained between two rounds of callbacks, so bulk writes still notify. */
    private static final int DRAIN_LIMIT = 1_000;

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private Thread watcher;
    private volatile boolean closed;

    public AvailabilityNotifyingEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate) {
        this.delegate = delegate;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new NotifyingStream(delegate.openStream(trackingToken));
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

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    /** Stops the watcher; streams opened before stay usable (without callbacks). */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            closed = true;
            running = watcher;
            watcher = null;
        }
        callbacks.clear();
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean register(Runnable callback) {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            callbacks.add(callback);
            if (watcher == null) {
                watcher = new Thread(this::watch, "event-availability-watcher");
                watcher.setDaemon(true);
                watcher.start();
            }
            return true;
        }
    }

    private void watch() {
        BlockingStream<TrackedEventMessage<?>> tail = null;
        while (!closed && !Thread.currentThread().isInterrupted()) {
            try {
                if (tail == null) {
                    tail = delegate.openStream(delegate.createHeadToken());
                }
                if (tail.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    notifyAvailable();
                    for (int drained = 0; drained < DRAIN_LIMIT && tail.hasNextAvailable(); drained++) {
                        tail.nextAvailable();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                log.warn("Event availability watcher failed, reopening its stream in 1 s", e);
                closeQuietly(tail);
                tail = null;
                // the processors may have missed a wake-up meanwhile: let them look for themselves
                notifyAvailable();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        closeQuietly(tail);
    }

    private void notifyAvailable() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.warn("An event availability callback failed", e);
            }
        }
    }

    private static void closeQuietly(BlockingStream<?> stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                log.debug("Closing the watcher's stream failed", e);
            }
        }
    }

    /** A processor's stream: the store's own, which also accepts an availability callback. */
    private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile Runnable callback;

        NotifyingStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            return register(callback);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            stream.close();
        }
    }
}
