package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.HistoricalImport;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.support.audit.EventSigner;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.verifier.EventContent;
import cn.tj.specialfund.verifier.EventSignatures;
import cn.tj.specialfund.verifier.NoteSigner;
import cn.tj.specialfund.verifier.NoteVerifier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the command side writes carries a signature by the configured event key over the row exactly as the
 * JDBC storage engine stored it (CONTRACT §9), read back from domain_event_entry and checked with the verifier
 * library, historical imports (restamped timestamps) included; the verifier key is announced in audit_event_key.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class EventSignaturesIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final NoteSigner EVENT_KEY = NoteSigner.generate("tianjin-special-fund-2020-events");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("ledger.audit.event-key", EVENT_KEY::signerKey);
    }

    @AfterAll
    static void dropSchema() {
        if (DATABASE.isPostgres()) {
            DATABASE.drop();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventSigner signer;

    private List<EventContent> storedEvents(UUID applicationId) {
        return jdbc.query("SELECT event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                        + "payload_type, payload_revision, payload, meta_data FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, row) -> new EventContent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)),
                applicationId.toString());
    }

    @Test
    void everyEventWrittenOverHttpIsSignedOverItsStoredRow() {
        LedgerClient api = new LedgerClient(port);
        UUID id = api.awarded(FormJson.valid(), "MUNICIPAL");

        List<EventContent> events = storedEvents(id);
        assertThat(events).hasSize(4);
        NoteVerifier key = EVENT_KEY.verifier();
        assertThat(signer.verifier().verifierKey()).isEqualTo(key.verifierKey());
        for (EventContent event : events) {
            assertThat(event.signature()).as("sequence %d", event.sequence()).isPresent();
            assertThat(EventSignatures.check(event, key)).as("sequence %d", event.sequence())
                    .isEqualTo(EventSignatures.Status.VALID);
            assertThat(EventSignatures.check(event, NoteSigner.generate("another").verifier()))
                    .isEqualTo(EventSignatures.Status.INVALID);
        }
        assertThat(jdbc.queryForList("SELECT verifier_key FROM audit_event_key", String.class))
                .containsExactly(key.verifierKey());
    }

    @Test
    void aHistoricalImportIsSignedOverTheTimestampItIsStoredWith() {
        UUID id = UUID.randomUUID();
        Map<String, Object> metaData = new HashMap<>(Actor.districtOfficer("district-xiqing", District.XIQING).asMetaData());
        metaData.put(HistoricalImport.OCCURRED_AT, "2020-09-01T01:02:03.456Z");
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new SubmitApplication(id, Forms.valid().build()))
                .andMetaData(MetaData.from(metaData)));

        EventContent submitted = storedEvents(id).get(0);
        assertThat(submitted.timestamp()).isEqualTo("2020-09-01T01:02:03.456Z");
        assertThat(EventSignatures.check(submitted, EVENT_KEY.verifier())).isEqualTo(EventSignatures.Status.VALID);
    }

    @Test
    void aChangedByteOfAStoredRowBreaksItsSignature() {
        UUID id = new LedgerClient(port).submitted(FormJson.valid());
        EventContent stored = storedEvents(id).get(0);
        byte[] payload = stored.payload();
        payload[payload.length / 2] ^= 1;
        EventContent altered = new EventContent(stored.eventId(), stored.aggregateId(), stored.sequence(),
                stored.type(), stored.timestamp(), stored.payloadType(), stored.payloadRevision(), payload,
                stored.metadata());
        assertThat(EventSignatures.check(altered, EVENT_KEY.verifier())).isEqualTo(EventSignatures.Status.INVALID);
        EventContent restamped = new EventContent(stored.eventId(), stored.aggregateId(), stored.sequence(),
                stored.type(), "2020-01-01T00:00:00Z", stored.payloadType(), stored.payloadRevision(),
                stored.payload(), stored.metadata());
        assertThat(EventSignatures.check(restamped, EVENT_KEY.verifier())).isEqualTo(EventSignatures.Status.INVALID);
    }
}
