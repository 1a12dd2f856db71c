package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reads and moves the processors' tokens in {@code token_entry} directly, for the rebuild and the lag gauges. */
@Component
public class TokenPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public TokenPositions(JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The last committed event's position in the log (-1 when it is empty). */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    public long eventCount() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /** Per processing group, the position of its slowest segment (-1 before its first event). */
    public Map<String, Long> slowestPositions() {
        Map<String, Long> result = new HashMap<>();
        segmentTokens().forEach((name, tokens) -> tokens.forEach(token -> {
            OptionalLong p = token == null ? OptionalLong.empty() : token.position();
            result.merge(name, p.isPresent() ? p.getAsLong() : -1, Math::min);
        }));
        return result;
    }

    /** Per processing group, the token of each of its segments (null before its first event). */
    public Map<String, List<TrackingToken>> segmentTokens() {
        Map<String, List<TrackingToken>> result = new HashMap<>();
        jdbc.query("SELECT processor_name, segment, token, token_type FROM token_entry", rs -> {
            String name = rs.getString("processor_name");
            byte[] data = rs.getBytes("token");
            TrackingToken token = data == null ? null : new GenericTokenEntry<>(data, rs.getString("token_type"),
                    Instant.EPOCH.toString(), null, name, rs.getInt("segment"), byte[].class).getToken(serializer);
            result.computeIfAbsent(name, n -> new ArrayList<>()).add(token);
        });
        return result;
    }

    /**
     * Sets every segment of {@code processingGroup} to {@code token} and releases the claims, so whichever
     * replica claims a segment next starts from there. Batches that were under way are refused by
     * {@link ProjectionBatches} (their first event is covered by the new token).
     */
    public void moveTo(String processingGroup, TrackingToken token, int segmentsIfNew) {
        AbstractTokenEntry<byte[]> entry = new GenericTokenEntry<>(token, serializer, byte[].class, processingGroup, 0);
        byte[] data = entry.getSerializedToken() == null ? null : entry.getSerializedToken().getData();
        String type = entry.getTokenType() == null ? null : entry.getTokenType().getName();
        String now = Clock.systemUTC().instant().toString();
        int moved = jdbc.update("UPDATE token_entry SET token = ?, token_type = ?, owner = NULL, timestamp = ? "
                + "WHERE processor_name = ?", data, type, now, processingGroup);
        if (moved == 0) {
            for (int segment = 0; segment < segmentsIfNew; segment++) {
                jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner) "
                        + "VALUES (?, ?, ?, ?, ?, NULL)", processingGroup, segment, data, type, now);
            }
        }
    }

    /** The event's position in the log, when it was read from a stream of it (0 otherwise). */
    public static long positionOf(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(0L);
        }
        return 0L;
    }

    public static long positionOf(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        TrackingToken plain = WrappedToken.unwrapLowerBound(token);
        if (plain instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        return plain.position().orElse(-1);
    }
}
