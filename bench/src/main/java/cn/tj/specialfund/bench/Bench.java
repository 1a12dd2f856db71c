package cn.tj.specialfund.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark (bench/run starts the services and then this): every figure beside its baseline from the same
 * run on the same database. Options are {@code --name=value} arguments; see {@link Options}.
 */
public final class Bench {

    /** Targets of the benchmark; reported against, never asserted. */
    static final double COMMANDS_VS_RAW = 0.5;
    static final double COMMANDS_VS_HTTP_FLOOR = 0.5;
    static final double LAG_P99_MS = 250;
    static final double DASHBOARD_P99_MS = 10;
    static final double REBUILD_EVENTS_PER_SECOND = 50_000;
    static final double REBUILD_VS_SCAN = 0.25;
    static final double HEAP_MB = 512;

    private static final java.time.ZoneId BEIJING = java.time.ZoneId.of("Asia/Shanghai");

    static final List<String[]> DASHBOARDS = List.of(
            new String[]{"dashboard/directions", "/api/dashboard/directions", "manager", "manager"},
            new String[]{"dashboard/caps", "/api/dashboard/caps", "manager", "manager"},
            new String[]{"dashboard/districts", "/api/dashboard/districts", "manager", "manager"},
            new String[]{"applications?direction&page", "/api/applications?direction=1.2&page=0&size=50", "manager", "manager"});
    static final List<String[]> FINANCE = List.<String[]>of(
            new String[]{"finance/commitments", "/api/finance/commitments", "finance", "finance"});
    /** The lists people browse (issue 14): search, filters and paging, each answered from indexed columns. */
    static final List<String[]> LISTS = List.<String[]>of(
            new String[]{"applications?q=西青&page=1&size=50",
                    "/api/applications?q=%E8%A5%BF%E9%9D%92&page=1&size=50", "auditor", "auditor"},
            new String[]{"applications?direction&district&status&size=50",
                    "/api/applications?direction=1.1&district=XIQING&status=SCORED&page=0&size=50", "auditor", "auditor"},
            new String[]{"applications?submittedFrom&page=3&size=200",
                    "/api/applications?submittedFrom=2020-01-01T00:00:00Z&page=3&size=200", "auditor", "auditor"},
            new String[]{"applications?q=Bench&size=20 (district officer)",
                    "/api/applications?q=Bench&size=20", "district-xiqing", "district"},
            new String[]{"dashboard/caps?limit=20 (district officer)", "/api/dashboard/caps?limit=20",
                    "district-binhai", "district"},
            new String[]{"applications?submittedFrom&submittedTo (30 days)&page=3&size=200",
                    "/api/applications?submittedFrom=" + beijingDayStart(29) + "&submittedTo=" + beijingDayEnd()
                            + "&page=3&size=200", "auditor", "auditor"},
            new String[]{"finance/commitments?entriesPage=0 (first 100 entries)",
                    "/api/finance/commitments?entriesPage=0&entriesSize=100", "finance", "finance"},
            new String[]{"finance/commitments?asOf=today's end&entriesPage=0",
                    "/api/finance/commitments?asOf=" + beijingDayEnd() + "&entriesPage=0&entriesSize=100", "finance",
                    "finance"});

    /** The first instant of the Beijing day {@code daysAgo} before today, as the page sends a range's start. */
    private static String beijingDayStart(int daysAgo) {
        return java.time.LocalDate.now(BEIJING).minusDays(daysAgo) + "T00:00:00%2B08:00";
    }

    /** The last nanosecond of today in Beijing, as the page sends a range's end and finance's as-of. */
    private static String beijingDayEnd() {
        return java.time.LocalDate.now(BEIJING) + "T23:59:59.999999999%2B08:00";
    }
    /** The open-loop phase: dashboard requests a second, and the viewers who send them. */
    static final double OPEN_LOOP_RATE = 200;
    static final int OPEN_LOOP_VIEWERS = 60;
    /** async-profiler's sampling interval in the profiled phases: ~1 000 samples a second of two busy cores. */
    static final int PROFILE_INTERVAL_MS = 2;

    record Options(String size, long applications, long httpApplications, String commandUrl, String queryUrl,
                   String floorUrl, String dbUrl, String dbUser, long commandPid, long queryPid, long floorPid, Path out,
                   String stamp,
                   double phaseSeconds, double catchUpTimeout, double rebuildTimeout, long seed,
                   String only, double maxCommandRate, Path logs) {

        static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                o.put(a.substring(2, eq), a.substring(eq + 1));
            }
            String size = o.getOrDefault("size", "smoke");
            long applications = Long.parseLong(o.getOrDefault("applications", "500"));
            return new Options(size, applications,
                    Long.parseLong(o.getOrDefault("http-applications", String.valueOf(applications))),
                    o.getOrDefault("command-url", "http://127.0.0.1:8081"),
                    o.getOrDefault("query-url", "http://127.0.0.1:8082"),
                    o.get("floor-url"),
                    o.get("db-url"), o.getOrDefault("db-user", "postgres"),
                    Long.parseLong(o.getOrDefault("command-pid", "0")), Long.parseLong(o.getOrDefault("query-pid", "0")),
                    Long.parseLong(o.getOrDefault("floor-pid", "0")),
                    Path.of(o.getOrDefault("out", "bench/results")),
                    o.getOrDefault("stamp", Instant.now().toString().replaceAll("[-:]", "").substring(0, 15)),
                    Double.parseDouble(o.getOrDefault("phase-seconds", "20")),
                    Double.parseDouble(o.getOrDefault("catch-up-timeout", "600")),
                    Double.parseDouble(o.getOrDefault("rebuild-timeout", "600")),
                    Long.parseLong(o.getOrDefault("seed", "2020")),
                    o.getOrDefault("only", ""),
                    Double.parseDouble(o.getOrDefault("max-command-rate", "0")),
                    Path.of(o.getOrDefault("logs", "bench/target-bench/logs")));
        }
    }

    private final Options options;
    private final Http http = new Http();
    private final Database db;
    private Workload workload;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Resources resources;
    private CpuAccounts cpu;

    private Bench(Options options) {
        this.options = options;
        this.db = new Database(options.dbUrl(), options.dbUser());
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("http-floor")) {
            cn.tj.specialfund.bench.floor.HttpFloorApplication.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        new Bench(Options.parse(args)).run();
    }

    private void log(String message) {
        System.out.printf("[bench %s] %s%n", Instant.now().toString().substring(11, 19), message);
    }

    private void run() throws Exception {
        report.put("size", options.size());
        report.put("startedAt", Instant.now().toString());
        report.put("machine", Machine.describe(db));
        report.put("loadAverageAtStart", Machine.loadAverage());
        // on a log kept from an earlier run (BENCH_DB), new applicants: serials above every earlier run's, which
        // grows with each run (the 1e9 and 3e9 ranges are the appended seeds')
        long applicationsAtStart = db.count("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0");
        workload = new Workload(options.seed(), applicationsAtStart == 0 ? 0 : 2_000_000_000L + applicationsAtStart);
        cpu = new CpuAccounts(options.commandPid(), options.queryPid(), options.floorPid());
        resources = new Resources(http, List.of(
                new Resources.Service("command-service", options.commandUrl(), options.commandPid()),
                new Resources.Service("query-service", options.queryUrl(), options.queryPid())));
        try {
            if (options.only().equals("queries")) {
                // a log measured before (BENCH_DB), its projections caught up: the queries and the self-check
                // alone, the background commands at a quarter of the command rate that run measured
                report.put("maxCommandRate", options.maxCommandRate());
                notes.add("only the queries and the self-check were measured (BENCH_ONLY=queries), on the log of an "
                        + "earlier run, with commands at a quarter of its " + options.maxCommandRate() + " cmd/s");
                queries("queriesAt" + db.count("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0"));
                report.put("treeBuilder", Map.of("selfCheck",
                        new TreeBuilderPhase(http, db, workload, options, resources, this::log).selfCheck()));
                return;
            }
            if (options.only().equals("lag")) {
                // the lag alone (BENCH_MAX_COMMAND_RATE: the best command rate of an earlier run), profiled
                report.put("maxCommandRate", options.maxCommandRate());
                notes.add("only the lag was measured (BENCH_ONLY=lag), at half of " + options.maxCommandRate()
                        + " cmd/s");
                warmUpCommands();
                lag();
                return;
            }
            commands();
            if (options.only().equals("commands")) {
                notes.add("only the commands and their baselines were measured (BENCH_ONLY=commands)");
                return;
            }
            lag();
            fill();
            queries("queriesAt" + db.count("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0"));
            if (!seed()) {
                rebuild();
            }
            report.put("treeBuilder", new TreeBuilderPhase(http, db, workload, options, resources, this::log)
                    .run((Double) report.get("maxCommandRate") / 2));
        } catch (Exception e) {
            notes.add("the run stopped early: " + e);
            log("stopped early: " + e);
            e.printStackTrace();
        } finally {
            resources.close();
            report.put("resources", resources.phases());
            try {
                report.put("applications", db.count("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0"));
                report.put("events", db.count("SELECT count(*) FROM domain_event_entry"));
            } catch (java.sql.SQLException e) {
                // the report is written whatever the database says at the end (e.g. no connection left)
                notes.add("the log's size at the end could not be read: " + e.getMessage());
            }
            report.put("finishedAt", Instant.now().toString());
            report.put("loadAverageAtEnd", Machine.loadAverage());
            report.put("notes", notes);
            write();
        }
    }

    // --- commands vs raw insert transactions -------------------------------------------------------------

    private void commands() throws Exception {
        warmUpCommands();
        Map<String, Object> levels = new LinkedHashMap<>();
        double best = 0;
        Map<String, Object> raw32 = null;
        Map<String, Object> floor32 = null;
        for (int clients : new int[]{1, 8, 32}) {
            resources.phase("raw-insert-c" + clients);
            byte[][] payload = db.samplePayload("{}".getBytes(StandardCharsets.UTF_8));
            log("raw insert transactions, " + clients + " clients");
            Map<String, Object> raw = db.rawInsertTransactions(clients, options.phaseSeconds(), payload);
            Map<String, Object> floor = httpFloor(clients);
            resources.phase("commands-c" + clients);
            log("commands over HTTP, " + clients + " clients");
            Map<String, Object> level = commandLevel(clients, raw, floor, cpu);
            levels.put("c" + clients, level);
            best = Math.max(best, (Double) Report.map(level.get("commands")).get("perSecond"));
            raw32 = raw;
            floor32 = floor;
        }
        if (options.queryPid() > 0) {
            levels.put("c32-query-service-paused", commandsWithQueryServicePaused(raw32, floor32));
        }
        report.put("commands", levels);
        report.put("maxCommandRate", Latencies.round(best));
    }

    /**
     * The 32 clients again with query-service stopped (SIGSTOP) for the phase and resumed after it: what the
     * command path alone reaches on the machine, beside what it reaches while the read side projects every event
     * on the same two cores. The floor has no read side; this tells how much of the gap to it is the read side's.
     * The events appended meanwhile are projected after the resume (the phases that follow wait for that).
     */
    private Map<String, Object> commandsWithQueryServicePaused(Map<String, Object> raw, Map<String, Object> floor)
            throws Exception {
        resources.phase("commands-c32-query-service-paused");
        log("commands over HTTP, 32 clients, query-service paused");
        // its JIT and GC threads cannot be asked about while it is stopped: the accounts leave it out
        CpuAccounts withoutQueryService = new CpuAccounts(options.commandPid(), 0, options.floorPid());
        signal("STOP", options.queryPid());
        try {
            Map<String, Object> level = commandLevel(32, raw, floor, withoutQueryService);
            level.put("label", "32 clients, query-service paused");
            return level;
        } finally {
            signal("CONT", options.queryPid());
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + exit);
        }
    }

    /** One timed phase of commands at {@code clients} clients, beside the baselines measured just before it. */
    private Map<String, Object> commandLevel(int clients, Map<String, Object> raw, Map<String, Object> floor,
                                             CpuAccounts accounts) throws Exception {
        CommandDriver driver = new CommandDriver(http, options.commandUrl(), options.queryUrl(), workload);
        Profiler profiler = clients == 32 ? new Profiler(options.commandPid(), db, 500) : null;
        Map<String, Long> cpuAtStart = accounts.now();
        long waitAtStart = RunQueueWaits.requestThreadsNanos(options.commandPid());
        double seconds = driver.run(clients, deadline(options.phaseSeconds()), Long.MAX_VALUE, 0, false);
        double waitPerCommand = RunQueueWaits.perOperationMs(options.commandPid(), waitAtStart, driver.all.count());
        Map<String, Object> cpuPerCommand = accounts.perOperation(cpuAtStart, driver.all.count());
        if (profiler != null) {
            profiler.close();
        }
        Map<String, Object> level = new LinkedHashMap<>();
        Map<String, Object> http = driver.all.summary(seconds);
        level.put("commands", http);
        level.put("rawInsertTransactions", raw);
        double ratio = (Double) http.get("perSecond") / (Double) raw.get("perSecond");
        level.put("ratio", Latencies.round(ratio));
        if (floor != null) {
            level.put("httpFloor", floor);
            Map<String, Object> floorRequests = Report.map(floor.get("requests"));
            level.put("ratioToHttpFloor",
                    Latencies.round((Double) http.get("perSecond") / (Double) floorRequests.get("perSecond")));
        }
        level.put("cpuMsPerCommand", cpuPerCommand);
        level.put("runQueueWaitMsPerCommand", waitPerCommand);
        level.put("statuses", driver.statuses());
        Map<String, Object> kinds = new LinkedHashMap<>();
        driver.byKind.forEach((k, v) -> kinds.put(k, v.summary(seconds)));
        level.put("byCommand", kinds);
        if (profiler != null) {
            level.put("profile", profiler.report(12));
        }
        log("  commands " + http + " raw " + raw + (floor == null ? "" : " HTTP floor " + floor.get("requests")));
        return level;
    }

    /**
     * The HTTP floor at {@code clients} clients (bench.floor, when bench/run started it): the same client, bodies
     * and credentials as the commands against one INSERT per request on the services' stack. Warmed up like the
     * commands before its first level.
     */
    private Map<String, Object> httpFloor(int clients) throws Exception {
        if (options.floorUrl() == null) {
            return null;
        }
        db.floorTable(true);
        try {
            if (!report.containsKey("httpFloorWarmUp")) {
                resources.phase("http-floor-warm-up");
                report.put("httpFloorWarmUp", warmUp("the HTTP floor", () -> {
                    FloorDriver driver = new FloorDriver(http, options.floorUrl(), options.seed() + 1);
                    double seconds = driver.run(8, deadline(WARM_UP_ROUND_SECONDS));
                    return driver.all.count() / seconds;
                }));
            }
            resources.phase("http-floor-c" + clients);
            log("HTTP floor, " + clients + " clients");
            FloorDriver driver = new FloorDriver(http, options.floorUrl(), options.seed() + 1);
            Map<String, Long> cpuAtStart = cpu.now();
            double seconds = driver.run(clients, deadline(options.phaseSeconds()));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("requests", driver.all.summary(seconds));
            r.put("cpuMsPerRequest", cpu.perOperation(cpuAtStart, driver.all.count()));
            r.put("statuses", driver.statuses());
            return r;
        } finally {
            db.floorTable(false);
        }
    }

    /** Seconds of one warm-up round, and the longest a warm-up may take. */
    private static final double WARM_UP_ROUND_SECONDS = 5;
    private static final double WARM_UP_LIMIT_SECONDS = 180;
    /**
     * At least this long (quick and national): the rate of a young JVM rises in steps as the JIT compiles more of
     * the path, and a pause between two steps is not the end of the warm-up.
     */
    private static final double WARM_UP_MIN_SECONDS = 60;
    /** A round must beat the best so far by this much to count as still warming up. */
    private static final double WARM_UP_GAIN = 1.05;

    /**
     * Repeats {@code round} (which returns the operations per second it reached) until two rounds in a row bring no
     * gain over the best before them, so that the timed phases measure compiled code rather than the JIT at work:
     * how long that takes depends on the machine (from 15 s to a few minutes of load on 2 vCPUs).
     */
    private Map<String, Object> warmUp(String what, WarmUpRound round) throws Exception {
        boolean smoke = options.size().equals("smoke");
        long limit = deadline(smoke ? WARM_UP_ROUND_SECONDS * 2 : WARM_UP_LIMIT_SECONDS);
        long least = deadline(smoke ? 0 : WARM_UP_MIN_SECONDS);
        long started = System.nanoTime();
        List<Double> rates = new ArrayList<>();
        double best = 0;
        int flat = 0;
        while ((flat < 2 || System.nanoTime() < least) && System.nanoTime() < limit) {
            double rate = round.run();
            rates.add(Latencies.round(rate));
            flat = rate > best * WARM_UP_GAIN ? 0 : flat + 1;
            best = Math.max(best, rate);
        }
        log("warm-up of " + what + ": " + rates + " /s per " + (int) WARM_UP_ROUND_SECONDS + " s round");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds", Latencies.round((System.nanoTime() - started) / 1e9));
        r.put("ratePerRound", rates);
        return r;
    }

    @FunctionalInterface
    interface WarmUpRound {
        double run() throws Exception;
    }

    /** Unrecorded rounds of 8 clients until the command rate stops rising (the JIT has compiled both paths). */
    private void warmUpCommands() throws Exception {
        resources.phase("warm-up");
        report.put("commandWarmUp", warmUp("commands", () -> {
            CommandDriver driver = new CommandDriver(http, options.commandUrl(), options.queryUrl(), workload);
            double seconds = driver.run(8, deadline(WARM_UP_ROUND_SECONDS), Long.MAX_VALUE, 0, false);
            return driver.all.count() / seconds;
        }));
    }

    // --- lag --------------------------------------------------------------------------------------------

    private void lag() throws Exception {
        double rate = ((Double) report.get("maxCommandRate")) / 2;
        // the read path the probes use (GET /api/applications/{id}) compiled by a round of unrecorded probes, then
        // measured from projections that have caught up with everything before (the saturated phases included)
        resources.phase("lag-warm-up");
        new CommandDriver(http, options.commandUrl(), options.queryUrl(), workload)
                .run(8, deadline(WARM_UP_ROUND_SECONDS * 2), Long.MAX_VALUE, rate, true);
        catchUp("catchUpBeforeLag");
        resources.phase("lag");
        log("command -> read-model lag at " + Latencies.round(rate) + " commands/s");
        CommandDriver driver = new CommandDriver(http, options.commandUrl(), options.queryUrl(), workload);
        // what the query side does with its time while the lag is measured: its threads on CPU (async-profiler),
        // how long the projections' threads waited for a core, and the machine's CPU per command
        StackProfile stacks = StackProfile.start(PROFILE_INTERVAL_MS, options.queryPid(),
                options.logs().resolve("lag-query-service-cpu.collapsed"));
        Map<String, Long> cpuAtStart = cpu.now();
        long projectionWaitAtStart = RunQueueWaits.threadsNanos(options.queryPid(), RunQueueWaits.PROJECTION_THREADS);
        double seconds = driver.run(8, deadline(options.phaseSeconds()), Long.MAX_VALUE, rate, true);
        long commands = driver.all.count();
        Map<String, Object> cpuPerCommand = cpu.perOperation(cpuAtStart, commands);
        double projectionWait = RunQueueWaits.perOperationMs(options.queryPid(), RunQueueWaits.PROJECTION_THREADS,
                projectionWaitAtStart, commands);
        Map<String, Object> queryServiceStacks = stacks.stop(commands);
        Map<String, Object> lag = new LinkedHashMap<>();
        lag.put("targetRate", Latencies.round(rate));
        lag.put("commands", driver.all.summary(seconds));
        lag.put("lag", driver.lag.summary(seconds));
        lag.put("timeouts", driver.lagTimeouts.sum());
        lag.put("statuses", driver.statuses());
        lag.put("cpuMsPerCommand", cpuPerCommand);
        lag.put("projectionRunQueueWaitMsPerCommand", projectionWait);
        lag.put("queryServiceCpuProfile", queryServiceStacks);
        report.put("lag", lag);
        log("  lag " + lag.get("lag"));
    }

    // --- the rest of the HTTP workload ------------------------------------------------------------------

    private void fill() throws Exception {
        long done = workload.applicationsHandedOut();
        long remaining = options.httpApplications() - done;
        if (remaining > 0) {
            resources.phase("fill");
            log("driving the remaining " + remaining + " applications over HTTP (32 clients)");
            CommandDriver driver = new CommandDriver(http, options.commandUrl(), options.queryUrl(), workload);
            double seconds = driver.run(32, deadline(options.catchUpTimeout() * 3), remaining, 0, false);
            Map<String, Object> fill = new LinkedHashMap<>();
            fill.put("applications", driver.applications.sum());
            fill.put("commands", driver.all.summary(seconds));
            fill.put("statuses", driver.statuses());
            report.put("fill", fill);
        }
        report.put("httpApplications", workload.applicationsHandedOut());
        report.put("httpBatches", workload.batches());
        catchUp("catchUpAfterHttp");
    }

    /** Waits until every projection's token reached the end of the log; reports the projection rate. */
    private void catchUp(String name) throws Exception {
        resources.phase(name);
        long head = db.count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        long start = position();
        long t0 = System.nanoTime();
        long deadline = deadline(options.catchUpTimeout());
        long position = start;
        while (System.nanoTime() < deadline && (position = position()) < head) {
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("logHead", head);
        r.put("startPosition", start);
        r.put("reachedPosition", position);
        r.put("seconds", Latencies.round(seconds));
        r.put("caughtUp", position >= head);
        // A rate only means something over a real backlog: near the head, the time is the processors' token
        // write interval (a token is stored with the next batch or claim extension), not processing.
        if (position - start >= 1_000 && seconds > 0.5) {
            r.put("eventsPerSecond", Latencies.round((position - start) / seconds));
        }
        report.put(name, r);
        log("  " + name + " " + r);
    }

    /** The slowest projection's position in the log (from token_entry). */
    private long position() throws Exception {
        long min = Long.MAX_VALUE;
        int rows = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT processor_name, token FROM token_entry")) {
            while (rs.next()) {
                byte[] token = rs.getBytes(2);
                long index = -1;
                if (token != null) {
                    JsonNode t = Http.JSON.readTree(token);
                    for (JsonNode n : t.findValues("index")) {
                        index = Math.max(index, n.asLong());
                    }
                    for (JsonNode n : t.findValues("globalIndex")) {
                        index = Math.max(index, n.asLong());
                    }
                }
                min = Math.min(min, index);
                rows++;
            }
        }
        return rows == 0 ? -1 : min;
    }

    // --- queries under load -----------------------------------------------------------------------------

    private void queries(String name) throws Exception {
        warmUpQueries();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("applications", db.count("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0"));
        r.put("events", db.count("SELECT count(*) FROM domain_event_entry"));
        r.put("dashboards", queries(name + "-dashboards", DASHBOARDS, 8));
        r.put("finance", queries(name + "-finance", FINANCE, 2));
        r.put("lists", queries(name + "-lists", LISTS, 2));
        // the same arrivals on their own first: what an answer costs when no write load shares the cores
        r.put("openLoopWithoutCommands", openLoop(name + "-open-loop-quiet", false));
        r.put("openLoop", openLoop(name + "-open-loop", true));
        Http.Response finance = http.get(options.queryUrl() + "/api/finance/commitments", "finance", "finance");
        r.put("financeResponseStatus", finance.status());
        r.put("financeResponseBytes", finance.body().length);
        report.put(name, r);
    }

    /**
     * {@link #OPEN_LOOP_RATE} dashboard requests a second from polling viewers ({@link OpenLoop}) while commands run
     * at a quarter of the max rate.
     */
    private Map<String, Object> openLoop(String name, boolean withCommands) throws Exception {
        warmUpOpenLoop();
        resources.phase(name);
        double rate = withCommands ? backgroundCommandRate() : 0;
        log(name + ": " + OPEN_LOOP_RATE + " dashboard requests/s from " + OPEN_LOOP_VIEWERS + " viewers, "
                + (withCommands ? "commands at " + Latencies.round(rate) + "/s" : "no commands"));
        StackProfile stacks = StackProfile.start(PROFILE_INTERVAL_MS, options.queryPid(),
                options.logs().resolve(name + "-query-service-cpu.collapsed"));
        Map<String, Object> r = openLoop(name, options.phaseSeconds(), rate, true);
        r.put("queryServiceCpuProfile", stacks.stop(((Number) Report.map(r.get("all")).get("count")).longValue()));
        log("  " + r.get("byDashboard"));
        return r;
    }

    /** The open loop for {@code seconds}, with commands at {@code commandRate} beside it (none at 0). */
    private Map<String, Object> openLoop(String name, double seconds, double commandRate, boolean profiled) throws Exception {
        boolean withCommands = commandRate > 0;
        long deadline = deadline(seconds);
        CommandDriver background = new CommandDriver(http, options.commandUrl(), options.queryUrl(), workload);
        Thread commands = new Thread(() -> {
            try {
                background.run(4, deadline, Long.MAX_VALUE, commandRate, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (withCommands) {
            commands.start();
        }
        Map<String, Long> cpuAtStart = profiled ? cpu.now() : null;
        long waitAtStart = RunQueueWaits.requestThreadsNanos(options.queryPid());
        Map<String, Object> r = new OpenLoop(http, options.queryUrl())
                .run(OpenLoop.DASHBOARDS, OPEN_LOOP_RATE, seconds, OPEN_LOOP_VIEWERS);
        if (withCommands) {
            commands.join();
        }
        if (profiled) {
            long answered = ((Number) Report.map(r.get("all")).get("count")).longValue();
            r.put("runQueueWaitMsPerRequest", RunQueueWaits.perOperationMs(options.queryPid(), waitAtStart, answered));
            r.put("cpuMsPerRequest", cpu.perOperation(cpuAtStart, answered));
        }
        if (withCommands) {
            putBackground(r, name, background, seconds);
        }
        return r;
    }

    /**
     * The background commands' rate and answers; a note when more than one in ten was refused (the workload's own
     * refusals, awards that race a full cap, are about one in a hundred), since the phase's write load was then less
     * than the rate it names.
     */
    private void putBackground(Map<String, Object> r, String phase, CommandDriver background, double seconds) {
        Map<String, Object> statuses = background.statuses();
        long all = background.all.count();
        long refused = statuses.entrySet().stream().filter(e -> !e.getKey().startsWith("2"))
                .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
        r.put("backgroundCommands", background.all.summary(seconds));
        r.put("backgroundCommandStatuses", statuses);
        if (all > 0 && refused * 10 > all) {
            notes.add(phase + ": " + refused + " of " + all + " background commands were refused " + statuses);
        }
    }

    /** {@code clients} clients cycle through the queries while commands run at a quarter of the max rate. */
    private Map<String, Object> queries(String name, List<String[]> queries, int clientCount) throws Exception {
        resources.phase(name);
        double rate = backgroundCommandRate();
        log(name + ": " + clientCount + " query clients, commands at " + Latencies.round(rate) + "/s in the background");
        Map<String, Latencies> latencies = new ConcurrentHashMap<>();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        queries.forEach(q -> latencies.put(q[0], new Latencies()));
        long deadline = deadline(options.phaseSeconds());
        CommandDriver background = new CommandDriver(http, options.commandUrl(), options.queryUrl(), workload);
        Thread commands = new Thread(() -> {
            try {
                background.run(4, deadline, Long.MAX_VALUE, rate, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        commands.start();
        long t0 = System.nanoTime();
        closedLoop(queries, clientCount, deadline, latencies, failures);
        commands.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("clients", clientCount);
        Map<String, Object> byQuery = new LinkedHashMap<>();
        queries.forEach(q -> byQuery.put(q[0], latencies.get(q[0]).summary(seconds)));
        r.put("queries", byQuery);
        Map<String, Object> failed = new LinkedHashMap<>();
        failures.forEach((k, v) -> failed.put(k, v.sum()));
        r.put("failures", failed);
        putBackground(r, name, background, seconds);
        log("  " + byQuery);
        return r;
    }

    /** {@code clientCount} clients, each sending the next of {@code queries} as soon as the last one answered. */
    private void closedLoop(List<String[]> queries, int clientCount, long deadline, Map<String, Latencies> latencies,
                            Map<String, LongAdder> failures) throws InterruptedException {
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            int offset = i;
            Thread t = new Thread(() -> {
                for (int n = offset; System.nanoTime() < deadline; n++) {
                    String[] q = queries.get(n % queries.size());
                    long s = System.nanoTime();
                    Http.Response r = http.get(options.queryUrl() + q[1], q[2], q[3]);
                    latencies.get(q[0]).recordNanos(System.nanoTime() - s);
                    if (!r.ok()) {
                        failures.computeIfAbsent(q[0] + " " + r.status(), k -> new LongAdder()).increment();
                    }
                }
            });
            clients.add(t);
            t.start();
        }
        for (Thread t : clients) {
            t.join();
        }
    }

    /** The rate of the commands that run beside the query phases: a quarter of the best rate measured. */
    private double backgroundCommandRate() {
        return ((Double) report.get("maxCommandRate")) / 4;
    }

    /** Seconds of the unrecorded open loop before the first recorded one. */
    private static final double OPEN_LOOP_WARM_UP_SECONDS = 30;

    /**
     * The open loop's own paths (304s for If-None-Match, the district officers' and the other roles' views, caps
     * with a limit), which the closed-loop warm-up does not take, compiled by unrecorded rounds (quiet, then with
     * commands, as the phases measure them) before the first recorded one: without them the first open loop of a
     * run measured the JIT at work (0.14–0.59 ms of JIT CPU per answer at the first size, 0.01 at the second, and a
     * p99 two to three times higher).
     */
    private void warmUpOpenLoop() throws Exception {
        if (report.containsKey("openLoopWarmUp")) {
            return;
        }
        resources.phase("open-loop-warm-up");
        double rate = backgroundCommandRate();
        log("open loop warm-up: " + OPEN_LOOP_RATE + " dashboard requests/s for " + OPEN_LOOP_WARM_UP_SECONDS
                + " s, commands at " + Latencies.round(rate) + "/s for its second half");
        Map<String, Object> quiet = openLoop("open-loop-warm-up", OPEN_LOOP_WARM_UP_SECONDS / 2, 0, false);
        Map<String, Object> withCommands = openLoop("open-loop-warm-up", OPEN_LOOP_WARM_UP_SECONDS / 2, rate, false);
        report.put("openLoopWarmUp", Map.of("quiet", quiet.get("all"), "withCommands", withCommands.get("all")));
    }

    /** Every query of the benchmark in turn, without background commands, until their rate stops improving. */
    private void warmUpQueries() throws Exception {
        if (report.containsKey("queryWarmUp")) {
            return;
        }
        resources.phase("query-warm-up");
        List<String[]> all = new ArrayList<>(DASHBOARDS);
        all.addAll(FINANCE);
        report.put("queryWarmUp", warmUp("queries", () -> {
            Map<String, Latencies> latencies = new ConcurrentHashMap<>();
            all.forEach(q -> latencies.put(q[0], new Latencies()));
            long t0 = System.nanoTime();
            closedLoop(all, 4, deadline(WARM_UP_ROUND_SECONDS), latencies, new ConcurrentHashMap<>());
            double seconds = (System.nanoTime() - t0) / 1e9;
            return latencies.values().stream().mapToLong(Latencies::count).sum() / seconds;
        }));
    }

    // --- national scale: the bulk of the log seeded directly ----------------------------------------------

    /** @return whether it seeded (and rebuilt) */
    private boolean seed() throws Exception {
        long have = db.count("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0");
        long missing = options.applications() - have;
        if (missing <= 0) {
            return false;
        }
        resources.phase("seed");
        List<Database.Template> templates = db.templates(5_000);
        log("seeding " + missing + " applications from " + templates.size() + " templates into the event log");
        LongAdder progress = new LongAdder();
        long t0 = System.nanoTime();
        Thread ticker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    return;
                }
                log("  seeded " + progress.sum() + " events");
            }
        });
        ticker.setDaemon(true);
        ticker.start();
        long events = db.seed(templates, missing, 1_000_000_000L, progress);
        ticker.interrupt();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("applications", missing);
        r.put("events", events);
        r.put("templates", templates.size());
        r.put("seconds", Latencies.round(seconds));
        r.put("eventsPerSecond", Latencies.round(events / seconds));
        report.put("seed", r);
        notes.add("The first " + have + " applications went through the HTTP API; the other " + missing
                + " were appended straight to domain_event_entry in batched JDBC transactions, as clones of "
                + templates.size() + " applications the command service wrote (same payload_type, revision, JSON "
                + "payload and metadata; new aggregate ids and credit codes), with their applicant_registry rows.");
        log("  seeded " + r);
        // the live projections work through the seeded log as they would through a backlog (their rate is a
        // figure of its own); the rebuild then runs as it would in operation, beside processors at the head
        catchUp("catchUpAfterSeed");
        rebuild();
        queries("queriesAt" + db.count("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0"));
        return true;
    }

    // --- rebuild vs raw scan ------------------------------------------------------------------------------

    private void rebuild() throws Exception {
        resources.phase("raw-scan");
        log("raw sequential scan + JSON decode of the event log");
        Map<String, Object> scan = db.rawScan();
        log("  " + scan);
        resources.phase("rebuild");
        log("rebuild of every read model");
        Profiler profiler = new Profiler(options.queryPid(), db, 500);
        long t0 = System.nanoTime();
        Http.Response started = http.post(options.queryUrl() + "/api/admin/projections/rebuild", "admin", "admin",
                new byte[0]);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("requestStatus", started.status());
        JsonNode status = null;
        long deadline = deadline(options.rebuildTimeout());
        boolean seenRebuilding = false;
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            Http.Response s = http.get(options.queryUrl() + "/api/admin/projections/status", "admin", "admin");
            if (!s.ok()) {
                continue;
            }
            status = s.json();
            boolean rebuilding = "REBUILDING".equals(status.path("state").asText());
            seenRebuilding |= rebuilding;
            if (!rebuilding && (seenRebuilding || status.hasNonNull("finishedAt"))) {
                break;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        profiler.close();
        r.put("status", status);
        r.put("wallSeconds", Latencies.round(wall));
        if (status != null) {
            long processed = status.path("processedEvents").asLong();
            boolean finished = !"REBUILDING".equals(status.path("state").asText());
            r.put("finished", finished);
            r.put("processedEvents", processed);
            double seconds = wall;
            if (finished && status.hasNonNull("startedAt") && status.hasNonNull("finishedAt")) {
                seconds = java.time.Duration.between(Instant.parse(status.get("startedAt").asText()),
                        Instant.parse(status.get("finishedAt").asText())).toNanos() / 1e9;
            }
            r.put("seconds", Latencies.round(seconds));
            r.put("eventsPerSecond", Latencies.round(processed / seconds));
        }
        r.put("rawScan", scan);
        if (r.get("eventsPerSecond") instanceof Double rate) {
            r.put("ratio", Latencies.round(rate / (Double) scan.get("eventsPerSecond")));
        }
        r.put("profile", profiler.report(12));
        report.put("rebuild", r);
        log("  rebuild " + r.get("eventsPerSecond") + " events/s, raw scan " + scan.get("eventsPerSecond"));
    }

    private static long deadline(double seconds) {
        return System.nanoTime() + (long) (seconds * 1e9);
    }

    private void write() throws Exception {
        Files.createDirectories(options.out());
        String kind = options.only().isEmpty() ? options.size() : options.size() + "-" + options.only();
        String base = kind + "-" + options.stamp();
        Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(options.out().resolve(base + ".json").toFile(), report);
        String md = Report.markdown(report, base + ".json");
        Files.writeString(options.out().resolve(base + ".md"), md);
        Files.writeString(options.out().resolve("latest-" + kind + ".md"), md);
        log("wrote " + options.out().resolve(base + ".json") + " and .md");
    }
}
