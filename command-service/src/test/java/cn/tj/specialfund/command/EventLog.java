package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Reads domain_event_entry directly, as an auditor would: counts, payloads and metadata. */
final class EventLog {

    private final JdbcTemplate jdbc;

    EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record StoredEvent(long sequence, String type, JsonNode payload, JsonNode metaData) {
    }

    long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    List<StoredEvent> of(UUID applicationId) {
        return jdbc.query("SELECT sequence_number, payload_type, payload, meta_data FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, row) -> new StoredEvent(rs.getLong(1), simpleName(rs.getString(2)), json(rs.getBytes(3)),
                        json(rs.getBytes(4))),
                applicationId.toString());
    }

    /** ApplicationAwarded events whose payload names the direction. */
    long awardsIn(String direction) {
        return jdbc.query("SELECT payload FROM domain_event_entry WHERE payload_type = ?",
                        (rs, row) -> json(rs.getBytes(1)), ApplicationAwarded.class.getName())
                .stream().filter(payload -> direction.equals(payload.path("direction").asText()))
                .count();
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return bytes == null ? null : LedgerClient.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
