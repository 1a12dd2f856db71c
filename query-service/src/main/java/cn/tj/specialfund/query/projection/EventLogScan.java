package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads the event log for a rebuild straight from its table, in order of {@code global_index}, in chunks of
 * decoded events (payloads decoded lazily by the event serializer, through the upcasters, as the storage
 * engine does). Keeps only the last index read and the gaps below it (indexes allocated by transactions that
 * had not committed when they were passed), bounded as the storage engine bounds them, so that
 * {@link #token()} is the {@link GapAwareTrackingToken} a processor would hold after the same events.
 * Not thread-safe: one rebuild, one scan.
 */
public final class EventLogScan {

    /** Gaps further than this behind the last index are given up, as the storage engine's maxGapOffset does. */
    static final int MAX_GAP_OFFSET = 10_000;
    private static final int IN_LIST = 500;

    private final EventSchema schema;
    private final Serializer serializer;
    private final EventUpcaster upcaster;
    private final int chunkSize;
    private final String select;
    private final TreeSet<Long> gaps = new TreeSet<>();
    private long last = -1;

    public EventLogScan(EventSchema schema, Serializer serializer, EventUpcaster upcaster, int chunkSize) {
        this.schema = schema;
        this.serializer = serializer;
        this.upcaster = upcaster;
        this.chunkSize = chunkSize;
        this.select = "SELECT " + String.join(", ", schema.globalIndexColumn(), schema.eventIdentifierColumn(),
                schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(), schema.typeColumn(),
                schema.timestampColumn(), schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                schema.payloadColumn(), schema.metaDataColumn()) + " FROM " + schema.domainEventTable() + " ";
    }

    /** The position of the last event read (-1 before any). */
    public long lastIndex() {
        return last;
    }

    /** The positions below the last one read that held no committed event when the scan passed them. */
    public java.util.SortedSet<Long> gaps() {
        return Collections.unmodifiableSortedSet(gaps);
    }

    /** Where a processor that has seen exactly what this scan read stands; null if it read nothing. */
    public TrackingToken token() {
        return last < 0 ? null : GapAwareTrackingToken.newInstance(last, gaps);
    }

    /**
     * Streams every event after the last one read, as one query over its own connection with a server-side
     * cursor (one snapshot of the log; later commits are for {@link #catchUp}). Returns how many it read.
     */
    public long streamAll(DataSource dataSource, Consumer<List<TrackedEventMessage<?>>> chunks) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            try (PreparedStatement statement = connection.prepareStatement(
                    select + "WHERE " + schema.globalIndexColumn() + " > ? ORDER BY " + schema.globalIndexColumn(),
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(Math.min(chunkSize, 1000));
                statement.setLong(1, last);
                long read = 0;
                try (ResultSet rs = statement.executeQuery()) {
                    List<TrackedEventData<?>> chunk = new ArrayList<>(chunkSize);
                    while (rs.next()) {
                        chunk.add(row(rs, true));
                        if (chunk.size() == chunkSize) {
                            read += deliver(chunk, chunks);
                        }
                    }
                    read += deliver(chunk, chunks);
                }
                return read;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event log", e);
        }
    }

    /**
     * Reads, with {@code jdbc} (so inside the caller's transaction), the events that filled gaps since they were
     * passed, then every event after the last one read, a chunk at a time, up to the head as it is now (what is
     * appended while it reads is left to the next catch-up, or to the live processors, so a steady stream of
     * appends cannot keep it going). Returns how many.
     */
    public long catchUp(JdbcTemplate jdbc, Consumer<List<TrackedEventMessage<?>>> chunks) {
        Long head = jdbc.queryForObject("SELECT MAX(" + schema.globalIndexColumn() + ") FROM "
                + schema.domainEventTable(), Long.class);
        return catchUp(jdbc, head == null ? -1 : head, chunks);
    }

    /**
     * As {@link #catchUp(JdbcTemplate, Consumer)}, but reads no event after {@code target}: to bring the scan to
     * exactly where the live processors stand. Gaps filled since are read whatever their position (they lie
     * below the last index read, hence below {@code target} when the scan has not passed it).
     */
    public long catchUp(JdbcTemplate jdbc, long target, Consumer<List<TrackedEventMessage<?>>> chunks) {
        long read = 0;
        if (!gaps.isEmpty()) {
            List<Long> open = new ArrayList<>(gaps);
            for (int from = 0; from < open.size(); from += IN_LIST) {
                List<Long> some = open.subList(from, Math.min(open.size(), from + IN_LIST));
                List<TrackedEventData<?>> filled = new ArrayList<>();
                jdbc.query(select + "WHERE " + schema.globalIndexColumn() + " IN ("
                                + String.join(", ", Collections.nCopies(some.size(), "?")) + ") ORDER BY "
                                + schema.globalIndexColumn(),
                        rs -> {
                            filled.add(row(rs, false));
                        }, some.toArray());
                read += deliver(filled, chunks);
            }
        }
        while (last < target) {
            List<TrackedEventData<?>> chunk = new ArrayList<>();
            jdbc.query(select + "WHERE " + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn()
                    + " <= ? ORDER BY " + schema.globalIndexColumn() + " FETCH FIRST " + chunkSize + " ROWS ONLY", rs -> {
                chunk.add(row(rs, true));
            }, last, target);
            int n = chunk.size();
            read += deliver(chunk, chunks);
            if (n < chunkSize) {
                break;
            }
        }
        return read;
    }

    private TrackedEventData<?> row(ResultSet rs, boolean advance) throws SQLException {
        long index = rs.getLong(1);
        if (advance) {
            if (index > last + 1) {
                for (long gap = Math.max(last + 1, index - MAX_GAP_OFFSET); gap < index; gap++) {
                    gaps.add(gap);
                }
            }
            last = Math.max(last, index);
        } else {
            gaps.remove(index);
        }
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(index),
                new GenericDomainEventEntry<>(rs.getString(5), rs.getString(3), rs.getLong(4), rs.getString(2),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10)));
    }

    private long deliver(List<TrackedEventData<?>> chunk, Consumer<List<TrackedEventMessage<?>>> chunks) {
        int n = chunk.size();
        if (n > 0) {
            trimGaps();
            chunks.accept(EventUtils.upcastAndDeserializeTrackedEvents(chunk.stream(), serializer, upcaster).toList());
            chunk.clear();
        }
        return n;
    }

    private void trimGaps() {
        Iterator<Long> it = gaps.iterator();
        while (it.hasNext() && it.next() <= last - MAX_GAP_OFFSET) {
            it.remove();
        }
    }
}
