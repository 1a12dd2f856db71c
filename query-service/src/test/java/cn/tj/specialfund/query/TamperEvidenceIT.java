package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.verifier.Checkpoint;
import cn.tj.specialfund.verifier.ExportLine;
import cn.tj.specialfund.verifier.Main;
import cn.tj.specialfund.verifier.NoteSigner;
import cn.tj.specialfund.verifier.ProofVerifier;
import cn.tj.specialfund.verifier.Rfc9162;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper evidence end to end (CONTRACT §9; H2, or PostgreSQL with -Dit.datasource.url): a log of signed events
 * becomes a tree whose signed checkpoints, proofs and export verify; then the event table is tampered with in SQL
 * (one byte of a payload, a timestamp, a deleted event, two events swapped, a forged event with the next sequence
 * number), in the middle of the log and at its end, and both the self-check ({@code GET /api/audit/verify}) and the
 * offline verifier (the ledger-verifier jar's Main, in a JVM of its own, on the export, a kept checkpoint and the
 * keys) name the kind and the event.
 */
class TamperEvidenceIT {

    private static final NoteSigner EVENT_KEY = NoteSigner.generate("tianjin-special-fund-2020-events");
    private static final NoteSigner CHECKPOINT_KEY = NoteSigner.generate(Checkpoint.ORIGIN);
    private static final int APPLICATIONS = 6;
    /** submitted, approved, scored */
    private static final int EVENTS = APPLICATIONS * 3;

    private final IsolatedDatabase database = IsolatedDatabase.create();
    private QueryService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        database.drop();
    }

    private QueryService start() {
        return QueryService.start(database, "--ledger.audit.checkpoint-key=" + CHECKPOINT_KEY.signerKey(),
                "--ledger.audit.event-verifier-keys=" + EVENT_KEY.verifier().verifierKey(),
                "--ledger.audit.checkpoint-interval=200ms", "--ledger.audit.verify-enabled=false");
    }

    /** Appends {@code count} applications' events, signed, and waits for a checkpoint that covers them. */
    private String append(Ledger ledger, int count, int expectedTreeSize) {
        int from = ledger.written().size();
        for (int i = 0; i < count; i++) {
            UUID id = ledger.submit(Ledger.form("项目 " + UUID.randomUUID(), Direction.D1_1, District.XIQING,
                    "1000000", "0", "200000", false), "1000000", "200000", Tier.MUNICIPAL);
            ledger.approve(id);
            ledger.score(id, "80");
        }
        service.appender(database).signedBy(EVENT_KEY).append(ledger.since(from));
        return awaitCheckpoint(expectedTreeSize);
    }

    private String awaitCheckpoint(long size) {
        return service.awaitCheckpoint(size, Duration.ofSeconds(60));
    }

    private static byte[] rootOf(String note) {
        return Base64.getDecoder().decode(note.split("\n")[2]);
    }

    @Test
    void anUntouchedLogVerifiesAndItsProofsExportAndHistoryAgree() throws Exception {
        service = start();
        Ledger ledger = new Ledger().realTime();
        String small = append(ledger, 1, 3);
        String full = append(ledger, APPLICATIONS - 1, EVENTS);

        JsonNode keys = service.get("auditor", "/api/audit/key").json();
        assertThat(keys.path("checkpointKey").asText()).isEqualTo(CHECKPOINT_KEY.verifier().verifierKey());
        assertThat(keys.path("eventKey").asText()).isEqualTo(EVENT_KEY.verifier().verifierKey());
        assertThat(Checkpoint.open(full, CHECKPOINT_KEY.verifier()).size()).isEqualTo(EVENTS);

        JsonNode verify = service.get("auditor", "/api/audit/verify").json();
        assertThat(verify.path("verified").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.path("treeSize").asLong()).isEqualTo(EVENTS);
        assertThat(verify.path("problems").size()).isZero();

        // every export line's canonical bytes hash to its leafHash; each leaf's inclusion proof verifies
        List<String> lines = exportLines(EVENTS);
        assertThat(lines).hasSize(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            ExportLine line = ExportLine.parse(lines.get(i));
            assertThat(line.leafIndex()).isEqualTo(i);
            assertThat(Rfc9162.leafHash(line.canonical())).isEqualTo(line.leafHash());
            JsonNode proof = service.get("auditor", "/api/audit/proof/inclusion?leafIndex=" + i + "&treeSize=" + EVENTS).json();
            assertThat(proof.path("leafHash").asText()).isEqualTo(Base64.getEncoder().encodeToString(line.leafHash()));
            assertThat(ProofVerifier.verifyInclusion(i, EVENTS, line.leafHash(), hashes(proof.path("path")), rootOf(full)))
                    .as("inclusion of leaf %d", i).isTrue();
        }
        JsonNode consistency = service.get("auditor", "/api/audit/proof/consistency?from=3&to=" + EVENTS).json();
        assertThat(ProofVerifier.verifyConsistency(3, EVENTS, hashes(consistency.path("path")), rootOf(small), rootOf(full)))
                .isTrue();
        assertThat(offline(EVENTS, full, small).output()).startsWith("OK " + EVENTS + " events verified");

        // history: each event names its leaf
        UUID first = ledger.written().get(0).getAggregateIdentifier() == null ? null
                : UUID.fromString(ledger.written().get(0).getAggregateIdentifier());
        JsonNode history = service.get("auditor", "/api/applications/" + first + "/history").json();
        for (JsonNode event : history.path("events")) {
            ExportLine line = ExportLine.parse(lines.get(event.path("leafIndex").intValue()));
            assertThat(event.path("leafHash").asText()).isEqualTo(Base64.getEncoder().encodeToString(line.leafHash()));
            assertThat(line.view().get("aggregateId")).isEqualTo(first.toString());
        }
        assertThat(history.path("events").get(2).path("leafIndex").asLong()).isEqualTo(2);

        // restarted, the tree goes on where it stood: no gap, no double leaf
        service.close();
        service = start();
        append(ledger, 2, EVENTS + 6);
        assertThat(service.get("auditor", "/api/audit/verify").json().path("verified").asBoolean()).isTrue();
        assertThat(count("SELECT COUNT(DISTINCT position) FROM audit_leaf")).isEqualTo(EVENTS + 6);
        assertThat(count("SELECT MAX(leaf_index) FROM audit_leaf")).isEqualTo(EVENTS + 5);
    }

    @Test
    void badParametersAndSizesBeyondTheTreeAreRefusedAndRolesAreChecked() {
        service = start();
        append(new Ledger().realTime(), 1, 3);
        QueryService.Response beyond = service.get("auditor", "/api/audit/proof/inclusion?leafIndex=0&treeSize=4");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.code()).isEqualTo("INVALID_FIELD");
        assertThat(beyond.json().path("detail").asText()).contains("超出");
        assertThat(service.get("auditor", "/api/audit/proof/inclusion?leafIndex=3&treeSize=3").code()).isEqualTo("INVALID_FIELD");
        assertThat(service.get("auditor", "/api/audit/proof/inclusion?leafIndex=x&treeSize=3").status()).isEqualTo(400);
        assertThat(service.get("auditor", "/api/audit/proof/consistency?from=2&to=1").code()).isEqualTo("INVALID_FIELD");
        assertThat(service.get("auditor", "/api/audit/proof/consistency?from=1&to=9").status()).isEqualTo(400);
        assertThat(service.get("auditor", "/api/audit/export?treeSize=9").status()).isEqualTo(400);
        assertThat(service.get("auditor", "/api/audit/export?treeSize=-1").code()).isEqualTo("INVALID_FIELD");
        for (String path : List.of("/api/audit/export?treeSize=3", "/api/audit/verify")) {
            assertThat(service.get("finance", path).status()).as(path).isEqualTo(403);
            assertThat(service.get("district-xiqing", path).status()).as(path).isEqualTo(403);
            assertThat(service.get("admin", path).status()).as(path).isEqualTo(200);
        }
        for (String path : List.of("/api/audit/key", "/api/audit/checkpoint", "/api/audit/proof/inclusion?leafIndex=0&treeSize=3",
                "/api/audit/proof/consistency?from=1&to=3", "/api/audit/export?treeSize=3", "/api/audit/verify")) {
            assertThat(service.get("metrics", path).status()).as(path).isEqualTo(403);
            assertThat(service.get(null, path).status()).as(path).isEqualTo(401);
        }
        assertThat(service.get("finance", "/api/audit/checkpoint", "text/plain").contentType()).startsWith("text/plain");
        assertThat(service.get("district-xiqing", "/api/audit/key").status()).isEqualTo(200);
    }

    @Test
    void anEventNoOneCanReadIsStillALeafAndItsRowIsWhatIsHashed() throws Exception {
        service = start();
        append(new Ledger().realTime(), 1, 3);
        String poison = UUID.randomUUID().toString();
        byte[] payload = {'{', 0, (byte) 0xff, 'x'};
        update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data) VALUES (?, ?, 0, NULL, "
                + "'2020-09-01T00:00:00Z', 'cn.tj.specialfund.NoSuchEvent', NULL, ?, ?)", poison,
                UUID.randomUUID().toString(), payload, new byte[]{'[', 'x'});
        String checkpoint = awaitCheckpoint(4);
        LeafEvent leaf = leaf(3);
        assertThat(leaf.eventId()).isEqualTo(poison);
        List<String> lines = exportLines(4);
        ExportLine line = ExportLine.parse(lines.get(3));
        assertThat(line.leafHash()).isEqualTo(Rfc9162.leafHash(line.canonical()));
        assertThat(line.view().get("payloadBase64")).isEqualTo(Base64.getEncoder().encodeToString(payload));
        assertThat(line.view().get("metadataBase64")).isEqualTo(Base64.getEncoder().encodeToString(new byte[]{'[', 'x'}));
        // written by hand, so unsigned; the events before it verify
        assertCaught("UNSIGNED", leaf, 4, checkpoint, null);
        assertThat(service.get("auditor", "/api/audit/verify").json().path("problems").size()).isEqualTo(1);
    }

    enum Where { MIDDLE, END }

    /** The event at a leaf, as the tree builder recorded it. */
    record LeafEvent(long leafIndex, long position, String eventId, String aggregateId, long sequence) {
    }

    private LeafEvent leaf(long leafIndex) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT leaf_index, position, event_id, aggregate_id, sequence_number FROM audit_leaf WHERE leaf_index = ?")) {
            s.setLong(1, leafIndex);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new LeafEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5));
            }
        }
    }

    private long leafIndexOf(Where where) {
        return where == Where.MIDDLE ? EVENTS / 2 : EVENTS - 1;
    }

    /** A log of signed events, in the tree and under a kept checkpoint; returns that checkpoint. */
    private String signedLog() {
        service = start();
        return append(new Ledger().realTime(), APPLICATIONS, EVENTS);
    }

    @Test
    void aChangedPayloadByteIsAlteredInTheMiddleAndAtTheEnd() throws Exception {
        String kept = signedLog();
        for (Where where : Where.values()) {
            LeafEvent target = leaf(leafIndexOf(where));
            byte[] payload = bytes("SELECT payload FROM domain_event_entry WHERE global_index = " + target.position());
            byte[] original = payload.clone();
            int at = payload.length / 2;
            while (!Character.isLetterOrDigit(payload[at])) {
                at++;
            }
            payload[at] ^= 1;
            update("UPDATE domain_event_entry SET payload = ? WHERE global_index = " + target.position(), payload);
            assertCaught("ALTERED", target, kept);
            update("UPDATE domain_event_entry SET payload = ? WHERE global_index = " + target.position(), original);
        }
        assertThat(service.get("auditor", "/api/audit/verify").json().path("verified").asBoolean()).isTrue();
    }

    @Test
    void aChangedTimestampIsAlteredInTheMiddleAndAtTheEnd() throws Exception {
        String kept = signedLog();
        for (Where where : Where.values()) {
            LeafEvent target = leaf(leafIndexOf(where));
            String original = text("SELECT time_stamp FROM domain_event_entry WHERE global_index = " + target.position());
            update("UPDATE domain_event_entry SET time_stamp = '2020-08-31T23:59:59.000Z' WHERE global_index = "
                    + target.position());
            assertCaught("ALTERED", target, kept);
            update("UPDATE domain_event_entry SET time_stamp = ? WHERE global_index = " + target.position(), original);
        }
    }

    @Test
    void aDeletedEventIsMissingInTheMiddleAndAtTheEnd() throws Exception {
        String kept = signedLog();
        for (Where where : Where.values()) {
            LeafEvent target = leaf(leafIndexOf(where));
            update("CREATE TABLE deleted_event AS SELECT * FROM domain_event_entry WHERE global_index = " + target.position());
            update("DELETE FROM domain_event_entry WHERE global_index = " + target.position());
            assertCaught("MISSING", target, kept);
            update("INSERT INTO domain_event_entry SELECT * FROM deleted_event");
            update("DROP TABLE deleted_event");
        }
        assertThat(service.get("auditor", "/api/audit/verify").json().path("verified").asBoolean()).isTrue();
    }

    @Test
    void twoSwappedEventsAreReorderedInTheMiddleAndAtTheEnd() throws Exception {
        String kept = signedLog();
        for (Where where : Where.values()) {
            LeafEvent first = leaf(leafIndexOf(where) - 1);
            LeafEvent second = leaf(leafIndexOf(where));
            swap(first.position(), second.position());
            // the first leaf now holds the second event: that is the event named
            assertCaught("REORDERED", new LeafEvent(first.leafIndex(), first.position(), second.eventId(),
                    second.aggregateId(), second.sequence()), kept);
            swap(first.position(), second.position());
        }
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void aForgedEventWithTheNextSequenceNumberIsUnsigned(Where where) throws Exception {
        service = start();
        Ledger ledger = new Ledger().realTime();
        append(ledger, APPLICATIONS / 2, EVENTS / 2);
        // a free position in the middle of the log, where a forged row can be put by hand
        long free = count("SELECT MAX(global_index) FROM domain_event_entry") + 1;
        update("ALTER TABLE domain_event_entry ALTER COLUMN global_index RESTART WITH " + (free + 1));
        String kept = append(ledger, APPLICATIONS - APPLICATIONS / 2, EVENTS);

        long size = EVENTS;
        {
            LeafEvent victim = leaf(where == Where.MIDDLE ? EVENTS / 2 - 1 : EVENTS - 1);
            String forgedId = UUID.randomUUID().toString();
            String position = where == Where.MIDDLE ? Long.toString(free) : "(SELECT MAX(global_index) + 1 FROM domain_event_entry)";
            update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, "
                    + "type, time_stamp, payload_type, payload_revision, payload, meta_data) SELECT " + position + ", '"
                    + forgedId + "', aggregate_identifier, sequence_number + 1, type, time_stamp, payload_type, "
                    + "payload_revision, payload, meta_data FROM domain_event_entry WHERE global_index = " + victim.position());
            if (where == Where.END) {
                update("ALTER TABLE domain_event_entry ALTER COLUMN global_index RESTART WITH "
                        + (count("SELECT MAX(global_index) FROM domain_event_entry") + 1));
            }
            size++;
            String checkpoint = awaitCheckpoint(size);
            LeafEvent forged = leaf(size - 1);
            assertThat(forged.eventId()).isEqualTo(forgedId);
            assertThat(forged.sequence()).isEqualTo(victim.sequence() + 1);
            assertCaught("UNSIGNED", forged, size, checkpoint, kept);
        }
    }

    private void assertCaught(String kind, LeafEvent event, String kept) throws Exception {
        assertCaught(kind, event, EVENTS, kept, null);
    }

    private void assertCaught(String kind, LeafEvent event, long size, String checkpoint, String older) throws Exception {
        JsonNode verify = service.get("auditor", "/api/audit/verify").json();
        assertThat(verify.path("verified").asBoolean()).as(verify.toString()).isFalse();
        JsonNode problem = verify.path("problems").get(0);
        assertThat(problem.path("kind").asText()).as(verify.toString()).isEqualTo(kind);
        assertThat(problem.path("leafIndex").asLong()).as(verify.toString()).isEqualTo(event.leafIndex());
        assertThat(problem.path("eventId").asText()).as(verify.toString()).isEqualTo(event.eventId());
        assertThat(problem.path("aggregateId").asText()).as(verify.toString()).isEqualTo(event.aggregateId());
        assertThat(problem.path("sequence").asLong()).as(verify.toString()).isEqualTo(event.sequence());

        Offline offline = offline(size, checkpoint, older);
        assertThat(offline.exit()).as(offline.output()).isEqualTo(1);
        String first = offline.output().lines().filter(l -> l.startsWith("FAILED")).findFirst().orElse("");
        assertThat(first).as(offline.output()).startsWith("FAILED " + kind + " leafIndex=" + event.leafIndex() + " ")
                .containsPattern(" position=" + event.position() + "[ :]");
        if (!kind.equals("MISSING")) {
            assertThat(first).contains(" eventId=" + event.eventId() + " ", " aggregateId=" + event.aggregateId() + " ",
                    " sequence=" + event.sequence());
        }
    }

    record Offline(int exit, String output) {
    }

    /** The offline verifier in a JVM of its own, with nothing but the verifier's classes, on the export and files. */
    private Offline offline(long size, String checkpoint, String older) throws IOException, InterruptedException,
            URISyntaxException {
        Path dir = Files.createTempDirectory("audit");
        Path export = Files.write(dir.resolve("export.jsonl"), exportLines(size), StandardCharsets.UTF_8);
        Path kept = Files.writeString(dir.resolve("checkpoint.txt"), checkpoint);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Main.class.getName(), "verify", "--export", export.toString(), "--checkpoint", kept.toString(),
                "--checkpoint-key", CHECKPOINT_KEY.verifier().verifierKey(),
                "--event-key", EVENT_KEY.verifier().verifierKey()));
        if (older != null) {
            command.addAll(List.of("--older-checkpoint", Files.writeString(dir.resolve("older.txt"), older).toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Offline(process.exitValue(), output);
    }

    private List<String> exportLines(long size) {
        QueryService.Response export = service.get("auditor", "/api/audit/export?treeSize=" + size, "application/x-ndjson");
        assertThat(export.status()).as(export.text()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        return export.text().lines().toList();
    }

    private static List<byte[]> hashes(JsonNode path) {
        return StreamSupport.stream(path.spliterator(), false).map(n -> Base64.getDecoder().decode(n.asText())).toList();
    }

    private void swap(long a, long b) throws SQLException {
        update("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = " + a);
        update("UPDATE domain_event_entry SET global_index = " + a + " WHERE global_index = " + b);
        update("UPDATE domain_event_entry SET global_index = " + b + " WHERE global_index = -1");
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private byte[] bytes(String sql) throws SQLException {
        try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
