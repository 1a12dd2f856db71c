package cn.tj.specialfund.support.eventstore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The own log positions of the events this process read that committed after a later one. A streaming
 * processor's gap-aware token names the highest position its stream has seen, so such an event (it fills a gap:
 * two command transactions overlapped) arrives with a token that names the later event's position, not its own,
 * and nothing else in the message does. The storage engine records each one here as it reads the row (its
 * {@code global_index} is at hand there); read models that order or key by position look it up instead of
 * trusting the token, so they store what the rebuild and the verification read from the log.
 * <p>
 * Bounded: an event is delivered within the store's cache and the processors' buffers (a few thousand events)
 * after it is read, and only late commits are kept, so the oldest entries can go.
 */
public final class LateCommits {

    static final int KEPT = 100_000;

    private final Map<String, Long> positions = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > KEPT;
        }
    };

    /** The event's own position, if it arrived with a token of a later one. */
    public synchronized OptionalLong positionOf(String eventIdentifier) {
        Long position = positions.get(eventIdentifier);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    public synchronized void record(String eventIdentifier, long position) {
        positions.put(eventIdentifier, position);
    }
}
