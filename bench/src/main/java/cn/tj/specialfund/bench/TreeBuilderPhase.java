package cn.tj.specialfund.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tamper evidence (docs/tamper-evidence.md): how far the tree builder trails the log while commands flow, its rate
 * over a backlog appended at once, and the offline verifier's time for the ledger's own export and for a generated
 * export of 100 000 events. Figures only; nothing here is asserted.
 */
final class TreeBuilderPhase {

    private static final long SAMPLE_MILLIS = 100;
    private static final int GENERATED_EXPORT_EVENTS = 100_000;
    private static final long MAX_LEDGER_EXPORT = 200_000;
    /** bench/run passes the jar it built ({@code -Dverifier.jar=…}). */
    private static final String VERIFIER_JAR = System.getProperty("verifier.jar", "ledger-verifier/target/ledger-verifier.jar");
    private static final Pattern VERIFY_LINE = Pattern.compile("verify: (\\d+) events in ([0-9.]+) s");

    private final Http http;
    private final Database db;
    private final Workload workload;
    private final Bench.Options options;
    private final Resources resources;
    private final Consumer<String> log;

    TreeBuilderPhase(Http http, Database db, Workload workload, Bench.Options options, Resources resources,
                     Consumer<String> log) {
        this.http = http;
        this.db = db;
        this.workload = workload;
        this.options = options;
        this.resources = resources;
        this.log = log;
    }

    /** The phase's figures; {@code commandRate} paces the commands that flow while the tree is watched. */
    Map<String, Object> run(double commandRate) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!hasTree()) {
            r.put("skipped", "no tree builder in this build (table audit_tree absent)");
            return r;
        }
        if (sample(System.nanoTime())[5] == 0) {
            r.put("skipped", "the tree builder has not appended a leaf: not running");
            return r;
        }
        r.put("whileCommandsFlow", whileCommandsFlow(commandRate));
        r.put("selfCheck", selfCheck());
        r.put("exportVerify", verifyLedgerExport());
        r.put("catchUp", catchUp(options.size().equals("smoke") ? 500 : 10_000));
        r.put("generatedExportVerify", verifyGeneratedExport());
        return r;
    }

    /** Commands at {@code rate} for a phase; the tree's position against the log's head sampled every 100 ms. */
    private Map<String, Object> whileCommandsFlow(double rate) throws Exception {
        resources.phase("tree-builder-lag");
        log.accept("tree builder while commands flow at " + Latencies.round(rate) + " commands/s");
        List<long[]> samples = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (options.phaseSeconds() * 1e9);
        CommandDriver driver = new CommandDriver(http, options.commandUrl(), options.queryUrl(), workload);
        Thread commands = new Thread(() -> {
            try {
                driver.run(8, deadline, Long.MAX_VALUE, rate, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        long[] first = sample(t0);
        commands.start();
        while (commands.isAlive()) {
            samples.add(sample(System.nanoTime()));
            Thread.sleep(SAMPLE_MILLIS);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the tail: until the tree has every event written in the phase, so that each sample's lag is known
        long settle = System.nanoTime() + (long) (options.catchUpTimeout() * 1e9);
        long[] last = sample(System.nanoTime());
        while (last[2] < last[1] && System.nanoTime() < settle) {
            Thread.sleep(SAMPLE_MILLIS);
            last = sample(System.nanoTime());
            samples.add(last);
        }
        Latencies lag = new Latencies();
        long maxBehind = 0;
        for (int i = 0; i < samples.size(); i++) {
            long[] s = samples.get(i);
            maxBehind = Math.max(maxBehind, s[3]);
            for (int j = i; j < samples.size(); j++) {
                if (samples.get(j)[2] >= s[1]) {
                    lag.recordNanos(samples.get(j)[0] - s[0]);
                    break;
                }
            }
        }
        long[] end = samples.isEmpty() ? first : samples.get(samples.size() - 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("commands", driver.all.summary(seconds));
        r.put("logEventsPerSecond", Latencies.round((end[4] - first[4]) / Math.max(seconds, 1e-9)));
        r.put("treeLeavesPerSecond", Latencies.round((end[5] - first[5]) / ((end[0] - first[0]) / 1e9)));
        r.put("leavesAppended", end[5] - first[5]);
        r.put("lagToTree", lag.summary(seconds));
        r.put("maxEventsBehind", maxBehind);
        r.put("caughtUp", end[2] >= end[1]);
        log.accept("  tree builder " + r);
        return r;
    }

    /**
     * {@code applications} cloned straight into the log at once (as the national size seeds), then the time until
     * the tree holds them all: the builder's rate over an existing log, beside the projections doing the same.
     */
    private Map<String, Object> catchUp(long applications) throws Exception {
        resources.phase("tree-builder-catch-up");
        List<Database.Template> templates = db.templates(2_000);
        Map<String, Object> r = new LinkedHashMap<>();
        if (templates.isEmpty()) {
            r.put("skipped", "no applications to clone");
            return r;
        }
        log.accept("tree builder catch-up: appending " + applications + " applications to the log at once");
        long[] before = sample(System.nanoTime());
        long events = db.seed(templates, applications, 3_000_000_000L, new LongAdder());
        long[] seeded = sample(System.nanoTime());
        long deadline = System.nanoTime() + (long) (options.catchUpTimeout() * 1e9);
        long[] s = seeded;
        while (s[2] < s[1] && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE_MILLIS);
            s = sample(System.nanoTime());
        }
        double seconds = (s[0] - seeded[0]) / 1e9;
        long leaves = s[5] - seeded[5];
        r.put("applications", applications);
        r.put("eventsAppended", events);
        r.put("backlogAtStart", seeded[3]);
        r.put("leavesDuringSeed", seeded[5] - before[5]);
        r.put("seconds", Latencies.round(seconds));
        r.put("caughtUp", s[2] >= s[1]);
        r.put("leavesPerSecond", Latencies.round(leaves / Math.max(seconds, 1e-9)));
        r.put("treeSize", s[5]);
        log.accept("  tree catch-up " + r);
        return r;
    }

    /**
     * The query side's self-check ({@code GET /api/audit/verify}) over the whole log: its time, and the heap it
     * needs (in the phase's resources). Seeded events are clones with new ids, so at national size their signatures
     * do not verify and the check reports them: the figure is the walk's cost, not a verdict.
     */
    Map<String, Object> selfCheck() throws Exception {
        resources.phase("audit-self-check");
        long t0 = System.nanoTime();
        Http.Response response = http.slowGet(options.queryUrl() + "/api/audit/verify", "auditor", "auditor",
                java.time.Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", response.status());
        r.put("seconds", Latencies.round(seconds));
        if (response.ok()) {
            JsonNode body = response.json();
            long treeSize = body.path("treeSize").asLong();
            r.put("treeSize", treeSize);
            r.put("verified", body.path("verified").asBoolean());
            r.put("problemsListed", body.path("problems").size());
            r.put("eventsPerSecond", Latencies.round(treeSize / seconds));
        }
        log.accept("  self-check of the log " + r);
        return r;
    }

    /** The ledger's own export at its latest checkpoint, verified by the jar as an auditor runs it. */
    private Map<String, Object> verifyLedgerExport() throws Exception {
        resources.phase("verify-ledger-export");
        Map<String, Object> r = new LinkedHashMap<>();
        Http.Response key = http.get(options.queryUrl() + "/api/audit/key", "auditor", "auditor");
        // the checkpointer signs at least once a minute: wait for one that covers the phase's commands
        long head = db.count("SELECT count(*) FROM domain_event_entry");
        long wait = System.nanoTime() + 75_000_000_000L;
        Http.Response checkpoint = http.get(options.queryUrl() + "/api/audit/checkpoint", "auditor", "auditor");
        while (checkpoint.ok() && size(checkpoint) < head && System.nanoTime() < wait) {
            Thread.sleep(1_000);
            checkpoint = http.get(options.queryUrl() + "/api/audit/checkpoint", "auditor", "auditor");
        }
        if (!key.ok() || !checkpoint.ok()) {
            r.put("skipped", "GET /api/audit/key " + key.status() + ", /api/audit/checkpoint " + checkpoint.status());
            return r;
        }
        long size = size(checkpoint);
        if (size > MAX_LEDGER_EXPORT) {
            // the client holds the export in one array; the generated export's figure stands for the verifier
            r.put("skipped", "the export of " + size + " events is more than the " + MAX_LEDGER_EXPORT
                    + " this phase downloads");
            return r;
        }
        Path dir = Files.createTempDirectory("bench-verify");
        try {
            long t0 = System.nanoTime();
            Http.Response export = http.get(options.queryUrl() + "/api/audit/export?treeSize=" + size, "auditor",
                    "auditor");
            double exportSeconds = (System.nanoTime() - t0) / 1e9;
            if (!export.ok()) {
                r.put("skipped", "GET /api/audit/export " + export.status());
                return r;
            }
            Path exportFile = Files.write(dir.resolve("export.jsonl"), export.body());
            Path checkpointFile = Files.write(dir.resolve("checkpoint.txt"), checkpoint.body());
            JsonNode keys = key.json();
            long v0 = System.nanoTime();
            List<String> output = verifier("verify", "--export", exportFile.toString(), "--checkpoint",
                    checkpointFile.toString(), "--checkpoint-key", keys.path("checkpointKey").asText(),
                    "--event-key", keys.path("eventKey").asText());
            double verifySeconds = (System.nanoTime() - v0) / 1e9;
            r.put("treeSize", size);
            r.put("exportBytes", export.body().length);
            r.put("exportSeconds", Latencies.round(exportSeconds));
            r.put("verifySeconds", Latencies.round(verifySeconds));
            r.put("eventsPerSecond", Latencies.round(size / verifySeconds));
            r.put("verifier", output.isEmpty() ? "" : output.get(0));
            log.accept("  verify of the ledger's export " + r);
            return r;
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
        }
    }

    /** The jar's own benchmark: a generated, signed export of 100 000 events, verified. */
    private Map<String, Object> verifyGeneratedExport() throws Exception {
        resources.phase("verify-generated-export");
        log.accept("offline verifier on a generated export of " + GENERATED_EXPORT_EVENTS + " events");
        Map<String, Object> r = new LinkedHashMap<>();
        List<String> output = verifier("bench", "--events", String.valueOf(GENERATED_EXPORT_EVENTS));
        r.put("events", GENERATED_EXPORT_EVENTS);
        for (String line : output) {
            Matcher m = VERIFY_LINE.matcher(line);
            if (m.find()) {
                double seconds = Double.parseDouble(m.group(2));
                r.put("verifySeconds", seconds);
                r.put("eventsPerSecond", Latencies.round(Long.parseLong(m.group(1)) / seconds));
            }
        }
        r.put("output", output);
        log.accept("  " + r);
        return r;
    }

    private List<String> verifier(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", VERIFIER_JAR));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (lines.size() < 20) {
                    lines.add(line);
                }
            }
        }
        lines.add("exit " + process.waitFor());
        return lines;
    }

    private static long size(Http.Response checkpoint) {
        String[] lines = new String(checkpoint.body(), StandardCharsets.UTF_8).split("\n");
        return lines.length > 1 ? Long.parseLong(lines[1]) : -1;
    }

    private boolean hasTree() throws Exception {
        return db.count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'audit_tree'") > 0;
    }

    /** {nanoTime, log head position, tree's highest position, events not yet leaves, log events, tree size}. */
    private long[] sample(long nanos) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT (SELECT coalesce(max(global_index), 0) FROM domain_event_entry), "
                        + "(SELECT coalesce(max(position), 0) FROM audit_leaf), "
                        + "(SELECT count(*) FROM domain_event_entry), (SELECT tree_size FROM audit_tree)")) {
            rs.next();
            long events = rs.getLong(3);
            long treeSize = rs.getLong(4);
            return new long[]{nanos, rs.getLong(1), rs.getLong(2), Math.max(0, events - treeSize), events, treeSize};
        }
    }

    /** The report's rows. */
    @SuppressWarnings("unchecked")
    static void markdown(Map<String, Object> report, StringBuilder md) {
        if (!(report.get("treeBuilder") instanceof Map<?, ?> tree) || tree.containsKey("skipped")) {
            return;
        }
        if (tree.get("whileCommandsFlow") instanceof Map<?, ?> flow) {
            Map<String, Object> lag = (Map<String, Object>) flow.get("lagToTree");
            Map<String, Object> commands = (Map<String, Object>) flow.get("commands");
            md.append("| tree builder while commands flow at ").append(commands.get("perSecond"))
                    .append(" cmd/s | ").append(flow.get("treeLeavesPerSecond")).append(" leaves/s, log → tree p50 ")
                    .append(lag.get("p50Ms")).append(" ms, p99 ").append(lag.get("p99Ms")).append(" ms, at most ")
                    .append(flow.get("maxEventsBehind")).append(" events behind | log ")
                    .append(flow.get("logEventsPerSecond")).append(" events/s | — | (none) |  |\n");
        }
        if (tree.get("catchUp") instanceof Map<?, ?> catchUp && catchUp.containsKey("leavesPerSecond")) {
            md.append("| tree builder catch-up over ").append(catchUp.get("backlogAtStart"))
                    .append(" events appended at once | ").append(catchUp.get("leavesPerSecond")).append(" leaves/s (")
                    .append(catchUp.get("seconds")).append(" s, beside the projections) | — | — | (none) |  |\n");
        }
        if (tree.get("exportVerify") instanceof Map<?, ?> export && export.containsKey("verifySeconds")) {
            md.append("| offline verifier, the ledger's export of ").append(export.get("treeSize"))
                    .append(" events | ").append(export.get("verifySeconds")).append(" s (")
                    .append(export.get("eventsPerSecond")).append(" events/s; export ")
                    .append(export.get("exportSeconds")).append(" s) | — | — | (none) |  |\n");
        }
        if (tree.get("generatedExportVerify") instanceof Map<?, ?> generated && generated.containsKey("verifySeconds")) {
            md.append("| offline verifier, a generated export of ").append(generated.get("events"))
                    .append(" events | ").append(generated.get("verifySeconds")).append(" s (")
                    .append(generated.get("eventsPerSecond")).append(" events/s) | — | — | (none) |  |\n");
        }
    }
}
