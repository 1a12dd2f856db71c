package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.verifier.CompactRange;
import cn.tj.specialfund.verifier.NodeStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The tree's perfect-subtree nodes in {@code audit_node}. */
final class JdbcNodeStore implements NodeStore {

    private final JdbcTemplate jdbc;

    JdbcNodeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] get(int level, long index) {
        List<byte[]> hash = jdbc.query("SELECT hash FROM audit_node WHERE level = ? AND node_index = ?",
                (rs, row) -> rs.getBytes(1), level, index);
        if (hash.isEmpty()) {
            throw missing(level, index);
        }
        return hash.get(0);
    }

    /**
     * The tree of {@code size} leaves as a compact range, its perfect subtrees read in one statement: a batch of
     * the tree builder restores it from the table every time, and one SELECT per subtree (about seven) was most of
     * the statements a batch of a few leaves sent.
     */
    CompactRange subtrees(long size) {
        List<long[]> positions = CompactRange.subtreePositions(size);
        if (positions.isEmpty()) {
            return CompactRange.empty();
        }
        Map<String, byte[]> found = new HashMap<>();
        String where = String.join(" OR ", Collections.nCopies(positions.size(), "(level = ? AND node_index = ?)"));
        jdbc.query("SELECT level, node_index, hash FROM audit_node WHERE " + where,
                rs -> {
                    found.put(rs.getInt(1) + "/" + rs.getLong(2), rs.getBytes(3));
                },
                positions.stream().flatMap(p -> Stream.of((Object) (int) p[0], (Object) p[1]))
                        .toArray());
        List<byte[]> roots = new ArrayList<>();
        for (long[] p : positions) {
            byte[] hash = found.get(p[0] + "/" + p[1]);
            if (hash == null) {
                throw missing(p[0], p[1]);
            }
            roots.add(hash);
        }
        return CompactRange.of(size, roots);
    }

    private static IllegalStateException missing(long level, long index) {
        return new IllegalStateException("the tree has no node at level " + level + ", index " + index);
    }
}
