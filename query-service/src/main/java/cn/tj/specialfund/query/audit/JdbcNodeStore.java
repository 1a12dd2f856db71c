package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.verifier.NodeStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** The tree's perfect-subtree nodes in {@code audit_node}: one indexed read per node. */
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
            throw new IllegalStateException("the tree has no node at level " + level + ", index " + index);
        }
        return hash.get(0);
    }
}
