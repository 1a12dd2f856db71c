package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.verifier.CanonicalEvent;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Rows of {@code domain_event_entry} exactly as stored, as the canonical events the tree and the verifier hash. */
final class EventRows {

    /** The event columns in the order {@link #read} expects them, qualified by {@code alias}. */
    static String columns(String alias) {
        String p = alias.isEmpty() ? "" : alias + ".";
        return p + "global_index, " + p + "event_identifier, " + p + "aggregate_identifier, " + p + "sequence_number, "
                + p + "type, " + p + "time_stamp, " + p + "payload_type, " + p + "payload_revision, " + p + "payload, "
                + p + "meta_data";
    }

    private EventRows() {
    }

    /** The event whose columns start at {@code first}; null if the row is absent (a left join found none). */
    static CanonicalEvent read(ResultSet rs, int first) throws SQLException {
        long position = rs.getLong(first);
        if (rs.wasNull()) {
            return null;
        }
        return new CanonicalEvent(position, rs.getString(first + 1), rs.getString(first + 2), rs.getLong(first + 3),
                rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6), rs.getString(first + 7),
                rs.getBytes(first + 8), rs.getBytes(first + 9));
    }
}
