package cn.tj.specialfund.bench.floor;

import cn.tj.specialfund.support.eventstore.EventStoreConfiguration;
import cn.tj.specialfund.support.security.CurrentActor;
import cn.tj.specialfund.support.web.CorrelationIdFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One request, one statement: the body read by Jackson, written back as the payload of a row like
 * {@code domain_event_entry}'s (with the actor and correlation id as its metadata), one INSERT in its own
 * transaction, and an answer like a submission's.
 */
@RestController
class FloorController {

    static final String TABLE = "bench_floor_event";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    FloorController(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @PostMapping(path = "/api/floor/applications", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> submit(@RequestBody JsonNode body, HttpServletRequest request)
            throws JsonProcessingException {
        UUID id = UUID.randomUUID();
        Map<String, Object> metaData = CurrentActor.get().asMetaData();
        metaData.put(EventStoreConfiguration.CORRELATION_ID, CorrelationIdFilter.of(request));
        jdbc.update("INSERT INTO " + TABLE + " (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (?, ?, 0, 'Application', ?, 'cn.tj.specialfund.coreapi.ApplicationSubmitted', NULL, ?, ?)",
                UUID.randomUUID().toString(), id.toString(), Instant.now().toString(),
                json.writeValueAsBytes(body), json.writeValueAsBytes(metaData));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("status", "SUBMITTED");
        return ResponseEntity.created(URI.create("/api/floor/applications/" + id)).body(answer);
    }
}
