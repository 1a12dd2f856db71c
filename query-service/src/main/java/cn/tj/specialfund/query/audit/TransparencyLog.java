package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.verifier.AuditEntry;
import cn.tj.specialfund.verifier.CanonicalEvent;
import cn.tj.specialfund.verifier.Checkpoint;
import cn.tj.specialfund.verifier.ExportLine;
import cn.tj.specialfund.verifier.LogAudit;
import cn.tj.specialfund.verifier.MerkleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tree of every event as the tree builder keeps it (CONTRACT §9), read from its tables: its size, roots,
 * signed checkpoints, inclusion and consistency proofs (O(log n) reads each, {@link MerkleTree} over
 * {@code audit_node}), the leaf of an event, and the log as an auditor sees it (every leaf beside its event row as
 * stored, and every row no leaf holds), for the export and the self-check. Every hash and proof is the verifier
 * library's; nothing is hashed here.
 */
@Service
public class TransparencyLog {

    private static final Logger log = LoggerFactory.getLogger(TransparencyLog.class);
    private static final int PAGE = 1000;

    public record Leaf(long leafIndex, long position, String eventId, String aggregateId, Long sequence,
                       byte[] leafHash) {
    }

    public record InclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path) {
    }

    public record ConsistencyProof(long from, long to, List<byte[]> path) {
    }

    public record SignedCheckpoint(long treeSize, byte[] rootHash, String note, Instant signedAt) {
    }

    /** One item of the log in leaf order: a leaf and its row, a leaf without its row, or a row without a leaf. */
    record Item(Long leafIndex, byte[] leafHash, long position, CanonicalEvent event) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final MerkleTree tree;
    private final AuditKeyring keys;

    TransparencyLog(JdbcTemplate jdbc, AuditKeyring keys) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tree = new MerkleTree(new JdbcNodeStore(jdbc));
        this.keys = keys;
    }

    /** How many leaves the tree holds now. */
    public long treeSize() {
        return jdbc.queryForObject("SELECT tree_size FROM audit_tree WHERE id = 1", Long.class);
    }

    /**
     * How far the tree builder is behind the log: the newest position in the log less the newest position among the
     * leaves (two index lookups; 0 when it has caught up).
     */
    public long lag() {
        Long log = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        Long tree = jdbc.queryForObject("SELECT MAX(position) FROM audit_leaf", Long.class);
        return Math.max(0, (log == null ? 0 : log) - (tree == null ? 0 : tree));
    }

    public byte[] root(long treeSize) {
        requireWithinTree("treeSize", treeSize);
        return tree.root(treeSize);
    }

    /** The newest checkpoint signed with this service's checkpoint key; one of the tree as it is if none is kept yet. */
    public SignedCheckpoint latestCheckpoint() {
        return latestStored().orElseGet(this::signCheckpoint);
    }

    /** Every kept checkpoint signed with this service's key, oldest first. */
    public List<SignedCheckpoint> checkpoints() {
        return jdbc.query("SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoint WHERE key_hash = ? "
                + "ORDER BY tree_size", (rs, row) -> new SignedCheckpoint(rs.getLong(1), rs.getBytes(2),
                rs.getString(3), rs.getTimestamp(4).toInstant()), keys.checkpointVerifier().keyHash());
    }

    private Optional<SignedCheckpoint> latestStored() {
        List<SignedCheckpoint> latest = jdbc.query("SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoint "
                        + "WHERE key_hash = ? ORDER BY tree_size DESC LIMIT 1",
                (rs, row) -> new SignedCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()), keys.checkpointVerifier().keyHash());
        return latest.stream().findFirst();
    }

    /**
     * Signs and keeps a checkpoint of the tree as it is now, unless the newest kept one already covers that size;
     * returns the newest. Replicas sharing the key sign the same bytes (Ed25519 is deterministic), so a second
     * insert of one checkpoint is simply not needed.
     */
    public SignedCheckpoint signCheckpoint() {
        long size = treeSize();
        Optional<SignedCheckpoint> latest = latestStored();
        if (latest.isPresent() && latest.get().treeSize() >= size) {
            return latest.get();
        }
        byte[] root = tree.root(size);
        String note = new Checkpoint(size, root).sign(keys.checkpointSigner());
        Instant now = Instant.now();
        try {
            jdbc.update("INSERT INTO audit_checkpoint (tree_size, key_hash, root_hash, note, signed_at) VALUES (?, ?, ?, ?, ?)",
                    size, keys.checkpointVerifier().keyHash(), root, note, Timestamp.from(now));
            log.debug("Checkpoint signed: tree size {}", size);
        } catch (DuplicateKeyException anotherReplica) {
            return latestStored().orElseThrow();
        }
        return new SignedCheckpoint(size, root, note, now);
    }

    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        requireWithinTree("treeSize", treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail(
                    "leafIndex 须在 0 与 " + (treeSize - 1) + " 之间（树的大小为 " + treeSize + "）",
                    "leafIndex must be between 0 and " + (treeSize - 1) + " in a tree of size " + treeSize), "leafIndex");
        }
        return new InclusionProof(leafIndex, treeSize, leafHash(leafIndex), tree.inclusionProof(leafIndex, treeSize));
    }

    public ConsistencyProof consistencyProof(long from, long to) {
        requireWithinTree("to", to);
        // from an empty tree there is nothing to prove (RFC 9162 §2.1.4 defines proofs for 0 < from ≤ to)
        if (from < 1 || from > to) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("from 须在 1 与 to（" + to + "）之间",
                    "from must be between 1 and to (" + to + ")"), "from");
        }
        return new ConsistencyProof(from, to, tree.consistencyProof(from, to));
    }

    private byte[] leafHash(long leafIndex) {
        return jdbc.queryForObject("SELECT leaf_hash FROM audit_leaf WHERE leaf_index = ?", byte[].class, leafIndex);
    }

    /** The leaves of the events with these ids (events the tree does not hold yet are absent from the map). */
    public Map<String, Leaf> leavesOf(Collection<String> eventIds) {
        Map<String, Leaf> leaves = new HashMap<>();
        if (eventIds.isEmpty()) {
            return leaves;
        }
        named.query("SELECT " + LEAF_COLUMNS + " FROM audit_leaf WHERE event_id IN (:ids)",
                new MapSqlParameterSource("ids", eventIds), rs -> {
                    Leaf leaf = leaf(rs);
                    leaves.put(leaf.eventId(), leaf);
                });
        return leaves;
    }

    private static final String LEAF_COLUMNS = "leaf_index, position, event_id, aggregate_id, sequence_number, leaf_hash";

    private static Leaf leaf(java.sql.ResultSet rs) throws java.sql.SQLException {
        long sequence = rs.getLong(5);
        return new Leaf(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.wasNull() ? null : sequence,
                rs.getBytes(6));
    }

    /** The leaf at {@code leafIndex}, as the tree builder recorded it. */
    public Optional<Leaf> leafAt(long leafIndex) {
        return jdbc.query("SELECT " + LEAF_COLUMNS + " FROM audit_leaf WHERE leaf_index = ?", (rs, row) -> leaf(rs),
                leafIndex).stream().findFirst();
    }

    public Optional<Leaf> leafOf(String eventId) {
        return Optional.ofNullable(leavesOf(List.of(eventId)).get(eventId));
    }

    /** The export (docs/tamper-evidence.md, "The export"): one JSON line per leaf of the tree of {@code treeSize}. */
    public void export(long treeSize, Writer out) {
        requireWithinTree("treeSize", treeSize);
        forEachItem(treeSize, item -> {
            try {
                if (item.event() == null) {
                    out.write(ExportLine.writeMissing(item.leafIndex(), item.leafHash(), item.position()));
                } else {
                    out.write(ExportLine.write(item.leafIndex(), item.leafHash(), item.event()));
                }
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The log as the self-check audits it, in leaf order, read a page at a time each time it is walked. */
    LogAudit.Source auditEntries(long treeSize) {
        return entries -> forEachItem(treeSize, item -> entries.accept(item.leafIndex() == null
                ? AuditEntry.notInTree(item.event())
                : item.event() == null ? AuditEntry.missingRow(item.leafIndex(), item.leafHash(), item.position())
                : AuditEntry.leaf(item.leafIndex(), item.leafHash(), item.event())));
    }

    /**
     * Walks the leaves {@code [0, treeSize)} a page at a time, each beside its event row (left join: a deleted row
     * leaves the leaf alone), and puts every row that no leaf holds, up to the last position those leaves cover,
     * where its position falls.
     */
    void forEachItem(long treeSize, java.util.function.Consumer<Item> consumer) {
        Long lastPosition = treeSize == 0 ? null : jdbc.queryForObject(
                "SELECT MAX(position) FROM audit_leaf WHERE leaf_index < ?", Long.class, treeSize);
        Deque<CanonicalEvent> notInTree = new ArrayDeque<>(lastPosition == null ? List.of() : jdbc.query(
                "SELECT " + EventRows.columns("e") + " FROM domain_event_entry e WHERE e.global_index <= ? AND NOT EXISTS "
                        + "(SELECT 1 FROM audit_leaf l WHERE l.position = e.global_index) ORDER BY e.global_index",
                (rs, row) -> EventRows.read(rs, 1), lastPosition));
        for (long start = 0; start < treeSize; start += PAGE) {
            List<Item> page = jdbc.query("SELECT l.leaf_index, l.leaf_hash, l.position, " + EventRows.columns("e")
                            + " FROM audit_leaf l LEFT JOIN domain_event_entry e ON e.global_index = l.position "
                            + "WHERE l.leaf_index >= ? AND l.leaf_index < ? ORDER BY l.leaf_index",
                    (rs, row) -> new Item(rs.getLong(1), rs.getBytes(2), rs.getLong(3), EventRows.read(rs, 4)),
                    start, Math.min(treeSize, start + PAGE));
            for (Item item : page) {
                while (!notInTree.isEmpty() && notInTree.peekFirst().position() < item.position()) {
                    CanonicalEvent row = notInTree.removeFirst();
                    consumer.accept(new Item(null, null, row.position(), row));
                }
                consumer.accept(item);
            }
        }
        for (CanonicalEvent row : notInTree) {
            consumer.accept(new Item(null, null, row.position(), row));
        }
    }

    private void requireWithinTree(String field, long size) {
        if (size < 0) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail(field + " 不能为负数",
                    field + " may not be negative"), field);
        }
        long current = treeSize();
        if (size > current) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail(field + "（" + size + "）超出了当前树的大小 "
                    + current, field + " " + size + " is beyond the tree, which has " + current + " leaves"), field);
        }
    }
}
