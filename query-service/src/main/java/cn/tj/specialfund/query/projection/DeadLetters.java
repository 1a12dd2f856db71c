package cn.tj.specialfund.query.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read models' dead letters: Axon's {@link JdbcSequencedDeadLetterQueue}, one per processing group, in
 * {@code dead_letter_entry}, sequenced by application (the aggregate identifier). An event a read model cannot
 * apply is parked here with the later events of its application; every other application keeps flowing.
 * <p>
 * Axon's own dead-lettering invoker sees only a handler's exception, but the projections write a whole batch
 * at prepare-commit, where a failure names no event: so {@link ProjectionBatches} finds the event (one at a
 * time) and parks it here, and {@link DeadLetterRetry} re-applies the letters through Axon's
 * {@code process}. Every call runs in the caller's transaction (Axon's transaction manager joins it, and the
 * connection is the transaction's).
 */
public final class DeadLetters {

    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    private final JdbcTemplate jdbc;
    private final ConnectionProvider connections;
    private final TransactionManager transactions;
    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final Map<String, JdbcSequencedDeadLetterQueue<EventMessage<?>>> queues = new ConcurrentHashMap<>();

    public DeadLetters(JdbcTemplate jdbc, ConnectionProvider connections, TransactionManager transactions,
                       Serializer serializer, Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.connections = connections;
        this.transactions = transactions;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
    }

    /** The sequence an event is parked in: its application (aggregate), or the event alone. */
    public static String sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null
                ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    public JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup) {
        return queues.computeIfAbsent(processingGroup, group -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(SCHEMA)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .maxSequences(Integer.MAX_VALUE)
                .maxSequenceSize(Integer.MAX_VALUE)
                .build());
    }

    /** The sequences of {@code processingGroup} that hold dead letters: their later events are parked too. */
    public Set<String> parkedSequences(String processingGroup) {
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT sequence_identifier FROM dead_letter_entry "
                + "WHERE processing_group = ?", String.class, processingGroup));
    }

    /** Parks {@code event}, which failed with {@code cause}, at the end of its application's sequence. */
    public void park(String processingGroup, EventMessage<?> event, Throwable cause) {
        String sequence = sequenceOf(event);
        queue(processingGroup).enqueue(sequence, new GenericDeadLetter<>(sequence, event, cause));
    }

    /** Parks {@code event} behind its application's dead letters, if it still has any; says whether it did. */
    public boolean parkBehind(String processingGroup, EventMessage<?> event) {
        String sequence = sequenceOf(event);
        return queue(processingGroup).enqueueIfPresent(sequence, () -> new GenericDeadLetter<>(sequence, event));
    }

    /** Dead letters per processing group (every group of {@code groups}, 0 where none). */
    public Map<String, Long> counts(List<String> groups) {
        Map<String, Long> counts = new TreeMap<>();
        groups.forEach(group -> counts.put(group, 0L));
        jdbc.query("SELECT processing_group, COUNT(*) FROM dead_letter_entry GROUP BY processing_group", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /**
     * Makes {@code parked} the group's dead letters, in order, dropping the ones it had: a rebuild's swap, whose
     * read model is what folding the whole log gives, with exactly these events left out.
     */
    public void replace(String processingGroup, List<RebuildParking.Parked> parked) {
        jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", processingGroup);
        for (RebuildParking.Parked letter : parked) {
            if (letter.cause() == null) {
                parkBehind(processingGroup, letter.event());
            } else {
                park(processingGroup, letter.event(), letter.cause());
            }
        }
    }
}
