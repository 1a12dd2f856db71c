package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.verifier.CanonicalEvent;
import cn.tj.specialfund.verifier.CompactRange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends every event, in the order the log delivers it, as a leaf of the tree (CONTRACT §9; a late commit that fills a gap when it arrives). It runs in its own
 * processing group with one segment, so one replica at a time owns it; a batch's leaves, their nodes, the tree's
 * size and the processor's token commit in one transaction, so a restart or a kill leaves neither a gap nor a
 * double leaf. The leaf is the row as stored, read back by its event id, never the message as deserialised: the
 * handler never touches the payload, so an event no read model can read is a leaf like any other. Not a read
 * model: a rebuild never resets it.
 */
@Component
@ProcessingGroup(TreeBuilder.PROCESSING_GROUP)
class TreeBuilder {

    static final String PROCESSING_GROUP = "audit-tree";
    private static final Logger log = LoggerFactory.getLogger(TreeBuilder.class);
    private static final String BATCH = "ledger.audit-tree.batch";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final JdbcNodeStore nodes;

    TreeBuilder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.nodes = new JdbcNodeStore(jdbc);
    }

    /**
     * The row is found by its event id, not by the token: a late commit that fills a gap arrives with a token whose
     * index is the highest position seen so far, not its own.
     */
    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> event) {
        record(CurrentUnitOfWork.get().root(), event.getIdentifier());
    }

    private List<String> record(UnitOfWork<?> root, String eventId) {
        List<String> batch = batch(root);
        batch.add(eventId);
        return batch;
    }

    private List<String> batch(UnitOfWork<?> root) {
        return root.getOrComputeResource(BATCH, key -> {
            List<String> eventIds = new ArrayList<>();
            root.onPrepareCommit(u -> append(eventIds));
            return eventIds;
        });
    }

    /**
     * The tree builder's outermost handler interceptor. Axon's own interceptors read an event's metadata before the
     * handler runs (its correlation data); metadata that does not deserialise would fail the batch every time and
     * stop the tree. The row is still an event of the log: it becomes a leaf like any other.
     */
    MessageHandlerInterceptor<EventMessage<?>> unreadableEventsAreLeavesToo() {
        return (unitOfWork, chain) -> {
            String eventId = unitOfWork.getMessage().getIdentifier();
            try {
                return chain.proceed();
            } catch (Exception e) {
                if (batch(unitOfWork.root()).contains(eventId)) {
                    throw e;
                }
                log.warn("Event {} cannot be read ({}); its row becomes a leaf as stored", eventId, e.toString());
                record(unitOfWork.root(), eventId);
                return null;
            }
        };
    }

    /** Appends the events with {@code eventIds}, in that order, to the tree; in the batch's transaction. */
    void append(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        long size = jdbc.queryForObject("SELECT tree_size FROM audit_tree WHERE id = 1 FOR UPDATE", Long.class);
        MapSqlParameterSource batchIds = new MapSqlParameterSource("ids", eventIds);
        Map<String, CanonicalEvent> rows = new HashMap<>();
        named.query("SELECT " + EventRows.columns("") + " FROM domain_event_entry WHERE event_identifier IN (:ids)",
                batchIds, rs -> {
                    CanonicalEvent event = EventRows.read(rs, 1);
                    rows.put(event.eventId(), event);
                });
        Set<Long> already = new HashSet<>();
        if (!rows.isEmpty()) {
            already.addAll(named.queryForList("SELECT position FROM audit_leaf WHERE position IN (:positions)",
                    new MapSqlParameterSource("positions", rows.values().stream().map(CanonicalEvent::position).toList()),
                    Long.class));
        }
        CompactRange range = nodes.subtrees(size);
        List<Object[]> leaves = new ArrayList<>();
        List<Object[]> newNodes = new ArrayList<>();
        for (String eventId : eventIds) {
            CanonicalEvent event = rows.get(eventId);
            if (event == null) {
                // Delivered, then deleted before its batch read it back: the row is gone, there is nothing to hash.
                log.error("Event {} was delivered but its row is gone; it is not a leaf", eventId);
                continue;
            }
            if (!already.add(event.position())) {
                log.warn("The event at position {} is a leaf already; not appended again", event.position());
                continue;
            }
            byte[] leafHash = event.leafHash();
            leaves.add(new Object[]{range.size(), event.position(), event.eventId(), event.aggregateId(),
                    event.sequence(), leafHash});
            range.append(leafHash, (level, index, hash) -> newNodes.add(new Object[]{level, index, hash}));
        }
        if (leaves.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO audit_leaf (leaf_index, position, event_id, aggregate_id, sequence_number, "
                + "leaf_hash) VALUES (?, ?, ?, ?, ?, ?)", leaves);
        jdbc.batchUpdate("INSERT INTO audit_node (level, node_index, hash) VALUES (?, ?, ?)", newNodes);
        jdbc.update("UPDATE audit_tree SET tree_size = ? WHERE id = 1", range.size());
    }
}
