package cn.tj.specialfund.bench;

import cn.tj.specialfund.verifier.EventContent;
import cn.tj.specialfund.verifier.EventSignatures;
import cn.tj.specialfund.verifier.NoteSigner;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The baselines measured on the services' own database, and the bulk seeding of the event log. */
final class Database {

    private final String url;
    private final String user;

    Database(String url, String user) {
        this.url = url;
        this.user = user;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A payload and metadata as the command service writes them (the latest submission), or a stand-in. */
    byte[][] samplePayload(byte[] fallback) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT payload, meta_data FROM domain_event_entry WHERE sequence_number = 0 "
                        + "ORDER BY global_index DESC LIMIT 1")) {
            if (rs.next()) {
                return new byte[][]{rs.getBytes(1), rs.getBytes(2)};
            }
        }
        return new byte[][]{fallback, "{\"actor\":\"district-binhai\",\"correlationId\":\"x\"}".getBytes(StandardCharsets.UTF_8)};
    }

    /**
     * PostgreSQL's commit-rate limit: single-row insert transactions into a table shaped like the event table
     * (same columns, identity, unique constraints), {@code clients} connections in parallel.
     */
    Map<String, Object> rawInsertTransactions(int clients, double seconds, byte[][] payload) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_raw_event");
            s.execute("CREATE TABLE bench_raw_event (LIKE domain_event_entry INCLUDING ALL)");
        }
        Latencies latencies = new Latencies();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO bench_raw_event (event_identifier, aggregate_identifier, sequence_number, type, "
                                + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                                + "VALUES (?, ?, 0, 'Application', ?, 'cn.tj.specialfund.coreapi.ApplicationSubmitted', "
                                + "NULL, ?, ?)")) {
                    c.setAutoCommit(true);
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setString(3, Instant.now().toString());
                        insert.setBytes(4, payload[0]);
                        insert.setBytes(5, payload[1]);
                        insert.executeUpdate();
                        latencies.recordNanos(System.nanoTime() - t0);
                    }
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_raw_event");
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return latencies.summary(elapsed);
    }

    /** The HTTP floor's table (bench.floor), shaped like the event table; {@code create} false drops it. */
    void floorTable(boolean create) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_floor_event");
            if (create) {
                s.execute("CREATE TABLE bench_floor_event (LIKE domain_event_entry INCLUDING ALL)");
            }
        }
    }

    /** What a rebuild must do at least: read the whole log in order and decode every payload and metadata. */
    Map<String, Object> rawScan() throws Exception {
        long started = System.nanoTime();
        long events = 0;
        long bytes = 0;
        long checksum = 0;
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT global_index, payload_type, payload, meta_data "
                    + "FROM domain_event_entry ORDER BY global_index")) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getString(2);
                        byte[] payload = rs.getBytes(3);
                        byte[] meta = rs.getBytes(4);
                        JsonNode p = Http.JSON.readTree(payload);
                        JsonNode m = meta == null ? null : Http.JSON.readTree(meta);
                        checksum += p.size() + (m == null ? 0 : m.size());
                        bytes += payload.length + (meta == null ? 0 : meta.length);
                        events++;
                    }
                }
            }
            c.commit();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", events);
        result.put("seconds", Latencies.round(seconds));
        result.put("eventsPerSecond", Latencies.round(events / seconds));
        result.put("megabytes", Latencies.round(bytes / 1e6));
        result.put("checksum", checksum);
        return result;
    }

    /** One application's events as the command service wrote them, to be cloned under new ids. */
    record Template(String aggregateId, String creditCode, List<Object[]> rows) {
    }

    /**
     * Applications driven over HTTP that reached a decision or stopped earlier, outside direction 1.1's awards
     * (cloning those would break its cap in the read models).
     */
    List<Template> templates(int max) throws Exception {
        Map<String, Template> templates = new LinkedHashMap<>();
        Map<String, String> directions = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT aggregate_identifier, sequence_number, type, payload_type, payload_revision, payload, meta_data "
                        + "FROM domain_event_entry WHERE aggregate_identifier IN (SELECT aggregate_identifier "
                        + "FROM domain_event_entry WHERE sequence_number = 0 ORDER BY global_index LIMIT " + max + ") "
                        + "ORDER BY aggregate_identifier, sequence_number")) {
            while (rs.next()) {
                String id = rs.getString(1);
                Object[] row = {rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBytes(6),
                        rs.getBytes(7)};
                Template t = templates.get(id);
                if (t == null) {
                    JsonNode payload = Http.JSON.readTree((byte[]) row[4]);
                    JsonNode code = payload.findValue("creditCode");
                    t = new Template(id, code == null ? null : code.asText(), new ArrayList<>());
                    templates.put(id, t);
                    JsonNode direction = payload.findValue("direction");
                    directions.put(id, direction == null ? "" : direction.asText());
                }
                t.rows().add(row);
            }
        }
        List<Template> usable = new ArrayList<>();
        for (Template t : templates.values()) {
            boolean direction11 = "1.1".equals(directions.get(t.aggregateId()));
            boolean awarded = t.rows().stream().anyMatch(r -> String.valueOf(r[2]).endsWith("ApplicationAwarded"));
            if (t.creditCode() != null && !(direction11 && awarded)) {
                usable.add(t);
            }
        }
        return usable;
    }

    /** The bench's event key, made and announced on first use; signs the seeded events. */
    private SeedSigner seedSigner;

    private synchronized SeedSigner seedSigner() throws SQLException {
        if (seedSigner == null) {
            NoteSigner key = NoteSigner.generate("bench-seed-events");
            try (Connection c = DriverManager.getConnection(url, user, "");
                 PreparedStatement announce = c.prepareStatement(
                         "INSERT INTO audit_event_key (verifier_key, announced_at) VALUES (?, ?)")) {
                announce.setString(1, key.verifier().verifierKey());
                announce.setTimestamp(2, java.sql.Timestamp.from(Instant.now()));
                announce.executeUpdate();
            }
            seedSigner = new SeedSigner(key);
        }
        return seedSigner;
    }

    private record SeedSigner(NoteSigner key) {

        /**
         * The event with its signature in its metadata. The metadata is written out once before signing, so that
         * the bytes signed are the bytes stored; every thousandth event is checked, so that a seed whose
         * signatures would not verify fails here rather than in the self-check.
         */
        EventContent sign(EventContent event, long n) {
            EventContent normalised = event.withSignature("");
            EventContent signed = normalised.withSignature(EventSignatures.sign(normalised, key));
            if (n % 1_000 == 0 && EventSignatures.check(signed, key.verifier()) != EventSignatures.Status.VALID) {
                throw new IllegalStateException("a seeded event's signature does not verify: " + event.eventId());
            }
            return signed;
        }
    }

    /**
     * Appends {@code applications} clones of the templates straight into the event log (same payload type,
     * revision, JSON bytes and metadata as the command service's, new aggregate ids and credit codes) and
     * registers their applicants, in batched transactions. Each clone is signed as the command side signs what it
     * writes (a new event id and aggregate id need a signature of their own), with a key of the bench's announced in
     * {@code audit_event_key}, so that the query side's self-check judges the seeded log as it judges a real one.
     * @return events written
     */
    long seed(List<Template> templates, long applications, long firstSerial, LongAdder progress) throws Exception {
        AtomicLong serial = new AtomicLong(firstSerial);
        SeedSigner seedSigner = seedSigner();
        long events = 0;
        // one multi-row INSERT per batch instead of one statement per row
        try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", user, "")) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                            + "time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?,?,?,?,?,?,?,?,?)");
                 PreparedStatement register = c.prepareStatement(
                         "INSERT INTO applicant_registry (credit_code, application_id) VALUES (?, ?)")) {
                int inBatch = 0;
                for (long n = 0; n < applications; n++) {
                    Template t = templates.get((int) (n % templates.size()));
                    String id = UUID.randomUUID().toString();
                    String code = creditCode(t.creditCode(), serial.getAndIncrement());
                    register.setString(1, code);
                    register.setString(2, id);
                    register.addBatch();
                    for (Object[] row : t.rows()) {
                        String eventId = UUID.randomUUID().toString();
                        String at = Instant.now().toString();
                        byte[] payload = replace((byte[]) row[4], t, id, code);
                        EventContent signed = seedSigner.sign(new EventContent(eventId, id, (Long) row[0],
                                (String) row[1], at, (String) row[2], (String) row[3], payload,
                                replace((byte[]) row[5], t, id, code)), events);
                        insert.setString(1, eventId);
                        insert.setString(2, id);
                        insert.setLong(3, (Long) row[0]);
                        insert.setString(4, (String) row[1]);
                        insert.setString(5, at);
                        insert.setString(6, (String) row[2]);
                        insert.setString(7, (String) row[3]);
                        insert.setBytes(8, payload);
                        insert.setBytes(9, signed.metadata());
                        insert.addBatch();
                        events++;
                        inBatch++;
                    }
                    if (inBatch >= 2_000) {
                        register.executeBatch();
                        insert.executeBatch();
                        c.commit();
                        progress.add(inBatch);
                        inBatch = 0;
                    }
                }
                register.executeBatch();
                insert.executeBatch();
                c.commit();
                progress.add(inBatch);
            }
        }
        return events;
    }

    /** A fresh valid credit code in the template's district (serials far above those of the HTTP workload). */
    private static String creditCode(String template, long serial) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        char[] body = new char[8];
        long n = serial;
        for (int i = 7; i >= 0; i--) {
            body[i] = alphabet.charAt((int) (n % alphabet.length()));
            n /= alphabet.length();
        }
        return cn.tj.specialfund.coreapi.value.CreditCode.complete(template.substring(0, 8) + new String(body)).value();
    }

    private static byte[] replace(byte[] bytes, Template t, String id, String code) {
        if (bytes == null) {
            return null;
        }
        String s = new String(bytes, StandardCharsets.UTF_8).replace(t.aggregateId(), id).replace(t.creditCode(), code);
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
