package cn.tj.specialfund.bench;

import java.util.List;
import java.util.Map;

/** The markdown report: every figure beside its baseline and its target. */
final class Report {

    private Report() {
    }

    /** "service a, PostgreSQL b, client c; machine d" from a CpuAccounts answer. */
    private static String cpu(Map<String, Object> ms, String... services) {
        StringBuilder s = new StringBuilder();
        for (String service : services) {
            s.append(service).append(' ').append(ms.get(service));
            if (ms.containsKey(service + " JIT")) {
                s.append(" (JIT ").append(ms.get(service + " JIT")).append(", GC ").append(ms.get(service + " GC"))
                        .append(')');
            }
            s.append(", ");
        }
        return s.append("PostgreSQL ").append(ms.get("postgres")).append(", client ").append(ms.get("client"))
                .append("; machine ").append(ms.get("machine")).toString();
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r, String jsonName) {
        StringBuilder md = new StringBuilder();
        md.append("## Benchmark `").append(r.get("size")).append("` — ").append(r.get("startedAt")).append("\n\n");
        md.append(r.get("applications")).append(" applications, ").append(r.get("events"))
                .append(" events in the log at the end (").append(r.getOrDefault("httpApplications", "?"))
                .append(" applications driven over HTTP). Full figures: `").append(jsonName).append("`.\n\n");
        md.append("| figure | measured | baseline (same run, same database) | ratio | target | met |\n");
        md.append("|---|---|---|---|---|---|\n");
        Map<String, Object> commands = map(r.get("commands"));
        if (commands != null) {
            for (Map.Entry<String, Object> e : commands.entrySet()) {
                Map<String, Object> level = map(e.getValue());
                Map<String, Object> http = map(level.get("commands"));
                Map<String, Object> raw = map(level.get("rawInsertTransactions"));
                double ratio = num(level.get("ratio"));
                String clients = level.containsKey("label") ? (String) level.get("label")
                        : e.getKey().substring(1) + " clients";
                md.append("| commands, ").append(clients).append(" | ")
                        .append(rate(http, "cmd/s")).append(" | raw insert tx ").append(rate(raw, "tx/s"))
                        .append(" | ").append(ratio).append(" | ≥ ").append(Bench.COMMANDS_VS_RAW).append(" × raw | ")
                        .append(mark(ratio >= Bench.COMMANDS_VS_RAW)).append(" |\n");
                Map<String, Object> floor = map(level.get("httpFloor"));
                if (floor != null) {
                    double toFloor = num(level.get("ratioToHttpFloor"));
                    md.append("| commands, ").append(clients).append(" | ")
                            .append(http.get("perSecond")).append(" cmd/s | HTTP floor ")
                            .append(rate(map(floor.get("requests")), "req/s")).append(" | ").append(toFloor)
                            .append(" | ≥ ").append(Bench.COMMANDS_VS_HTTP_FLOOR).append(" × HTTP floor | ")
                            .append(mark(toFloor >= Bench.COMMANDS_VS_HTTP_FLOOR)).append(" |\n");
                    Map<String, Object> commandCpu = map(level.get("cpuMsPerCommand"));
                    Map<String, Object> floorCpu = map(floor.get("cpuMsPerRequest"));
                    if (commandCpu != null && floorCpu != null) {
                        md.append("| CPU per command, ").append(clients).append(" (ms) | ")
                                .append(cpu(commandCpu, "command-service", "query-service")).append(" | per floor request: ")
                                .append(cpu(floorCpu, "http-floor")).append(" | ")
                                .append(Latencies.round(num(floorCpu.get("machine")) / num(commandCpu.get("machine"))))
                                .append(" | (the profile of the rates above").append(waited(level.get("runQueueWaitMsPerCommand"),
                                        "command-service", "command")).append(") | |\n");
                    }
                }
            }
        }
        Map<String, Object> lag = map(r.get("lag"));
        if (lag != null) {
            Map<String, Object> l = map(lag.get("lag"));
            Map<String, Object> c = map(lag.get("commands"));
            md.append("| command → read-model lag at ").append(c.get("perSecond")).append(" cmd/s (½ max) | p50 ")
                    .append(l.get("p50Ms")).append(" ms, p99 ").append(l.get("p99Ms")).append(" ms (")
                    .append(l.get("count")).append(" commands, ").append(lag.get("timeouts")).append(" timeouts) | "
                            + "— | — | p99 < ").append((int) Bench.LAG_P99_MS).append(" ms | ")
                    .append(mark(num(l.get("p99Ms")) < Bench.LAG_P99_MS && num(lag.get("timeouts")) == 0)).append(" |\n");
            Map<String, Object> lagCpu = map(lag.get("cpuMsPerCommand"));
            if (lagCpu != null) {
                md.append("| CPU per command during the lag (ms) | ").append(cpu(lagCpu, "command-service", "query-service"))
                        .append(" | | | (the profile of the lag above; the projections' threads waited ")
                        .append(lag.get("projectionRunQueueWaitMsPerCommand")).append(" ms per command for a core")
                        .append(stacks(map(lag.get("queryServiceCpuProfile")), "command")).append(") | |\n");
            }
        }
        for (Map.Entry<String, Object> e : r.entrySet()) {
            if (!e.getKey().startsWith("queriesAt")) {
                continue;
            }
            Map<String, Object> q = map(e.getValue());
            for (String group : List.of("dashboards", "finance", "lists")) {
                Map<String, Object> g = map(q.get(group));
                if (g == null) {
                    continue;
                }
                for (Map.Entry<String, Object> qe : map(g.get("queries")).entrySet()) {
                    Map<String, Object> s = map(qe.getValue());
                    boolean dashboard = qe.getKey().startsWith("dashboard");
                    md.append("| GET ").append(qe.getKey()).append(" at ").append(q.get("applications"))
                            .append(" applications (").append(g.get("clients")).append(" query clients + commands) | p50 ")
                            .append(s.get("p50Ms")).append(" ms, p99 ").append(s.get("p99Ms")).append(" ms (")
                            .append(s.get("perSecond")).append("/s) | — | — | ")
                            .append(dashboard ? "p99 < " + (int) Bench.DASHBOARD_P99_MS + " ms" : "(none)").append(" | ")
                            .append(dashboard ? mark(num(s.get("p99Ms")) < Bench.DASHBOARD_P99_MS) : "").append(" |\n");
                }
            }
        }
        for (Map.Entry<String, Object> e : r.entrySet()) {
            for (String variant : List.of("openLoopWithoutCommands", "openLoop")) {
                Map<String, Object> open = e.getKey().startsWith("queriesAt") ? map(map(e.getValue()).get(variant)) : null;
                if (open == null) {
                    continue;
                }
                Map<String, Object> background = map(open.get("backgroundCommands"));
                String load = background == null ? "no commands" : "commands at " + background.get("perSecond") + "/s";
                for (Map.Entry<String, Object> d : map(open.get("byDashboard")).entrySet()) {
                    Map<String, Object> s = map(d.getValue());
                    md.append("| open loop: GET dashboard ").append(d.getKey()).append(" at ")
                            .append(map(e.getValue()).get("applications")).append(" applications (")
                            .append((int) num(open.get("targetRate"))).append(" dashboard req/s from ")
                            .append(open.get("viewers")).append(" polling viewers, ").append(load).append(") | p50 ")
                            .append(s.get("p50Ms")).append(" ms, p99 ").append(s.get("p99Ms")).append(" ms (")
                            .append(s.get("perSecond")).append("/s, ").append(s.get("notModified")).append(" of ")
                            .append(s.get("count")).append(" 304) | — | — | p99 < ").append((int) Bench.DASHBOARD_P99_MS)
                            .append(" ms | ").append(mark(num(s.get("p99Ms")) < Bench.DASHBOARD_P99_MS)).append(" |\n");
                }
                if (num(open.get("notSentClientBacklog")) > 0) {
                    md.append("| open loop: arrivals not sent (").append(OpenLoop.MAX_IN_FLIGHT)
                            .append(" requests already open) | ").append(open.get("notSentClientBacklog")).append(" | | | | |\n");
                }
                if (open.get("failures") instanceof Map<?, ?> failed && !failed.isEmpty()) {
                    md.append("| open loop failures | ").append(failed).append(" | | | | |\n");
                }
                Map<String, Object> answerCpu = map(open.get("cpuMsPerRequest"));
                if (answerCpu != null) {
                    md.append("| open loop, ").append(load).append(": CPU per dashboard answer (ms) | ")
                            .append(cpu(answerCpu, "query-service", "command-service")).append(" | | | (the profile of the latencies above")
                            .append(waited(open.get("runQueueWaitMsPerRequest"), "query-service", "answer"))
                            .append(stacks(map(open.get("queryServiceCpuProfile")), "answer")).append(") | |\n");
                }
            }
        }
        for (String name : List.of("catchUpAfterHttp", "catchUpAfterSeed")) {
            Map<String, Object> c = map(r.get(name));
            if (c != null && c.containsKey("eventsPerSecond") && num(c.get("seconds")) >= 5) {
                md.append("| projection catch-up (").append(name).append(") | ").append(c.get("eventsPerSecond"))
                        .append(" events/s").append(Boolean.TRUE.equals(c.get("caughtUp")) ? "" : " (did not finish)")
                        .append(" | — | — | — | |\n");
            }
        }
        Map<String, Object> rebuild = map(r.get("rebuild"));
        if (rebuild != null) {
            Map<String, Object> scan = map(rebuild.get("rawScan"));
            double rate = num(rebuild.get("eventsPerSecond"));
            double ratio = num(rebuild.get("ratio"));
            md.append("| full rebuild | ").append(rate).append(" events/s (").append(rebuild.get("processedEvents"))
                    .append(" events in ").append(rebuild.get("seconds")).append(" s")
                    .append(Boolean.TRUE.equals(rebuild.get("finished")) ? "" : ", unfinished at the time limit")
                    .append(") | raw scan + JSON decode ").append(scan.get("eventsPerSecond")).append(" events/s | ")
                    .append(ratio).append(" | ≥ ").append((int) Bench.REBUILD_EVENTS_PER_SECOND).append(" events/s and ≥ ")
                    .append(Bench.REBUILD_VS_SCAN).append(" × scan | ")
                    .append(mark(rate >= Bench.REBUILD_EVENTS_PER_SECOND && ratio >= Bench.REBUILD_VS_SCAN)).append(" |\n");
        }
        TreeBuilderPhase.markdown(r, md);
        Map<String, Object> resources = map(r.get("resources"));
        if (resources != null) {
            for (String service : List.of("command-service", "query-service")) {
                double heap = 0;
                double rss = 0;
                StringBuilder where = new StringBuilder();
                for (Map.Entry<String, Object> phase : resources.entrySet()) {
                    Map<String, Object> s = map(map(phase.getValue()).get(service));
                    if (s == null || !s.containsKey("maxHeapMb")) {
                        continue;
                    }
                    heap = Math.max(heap, num(s.get("maxHeapMb")));
                    rss = Math.max(rss, num(s.get("maxRssMb")));
                    if (phase.getKey().startsWith("commands-c32") || phase.getKey().equals("rebuild")
                            || phase.getKey().startsWith("queriesAt")) {
                        where.append(phase.getKey()).append(": heap ").append(s.get("maxHeapMb")).append(" MB, RSS ")
                                .append(s.get("maxRssMb")).append(" MB, CPU ").append(s.get("cpuPercent")).append(" %; ");
                    }
                }
                md.append("| ").append(service).append(" memory (-Xmx512m) | max heap ").append(heap)
                        .append(" MB, max RSS ").append(rss).append(" MB — ").append(where).append("| — | — | heap ≤ ")
                        .append((int) Bench.HEAP_MB).append(" MB | ").append(mark(heap > 0 && heap <= Bench.HEAP_MB))
                        .append(" |\n");
            }
        }
        for (String name : List.of("commandWarmUp", "httpFloorWarmUp", "queryWarmUp")) {
            Map<String, Object> w = map(r.get(name));
            if (w != null) {
                md.append("\n").append(name).append(": ").append(w.get("seconds"))
                        .append(" s until the rate stopped rising, per round ").append(w.get("ratePerRound")).append(" /s");
            }
        }
        md.append("\n\nMachine: ").append(r.get("machine")).append("\n");
        if (r.containsKey("loadAverageAtStart")) {
            md.append("\nLoad average (1/5/15 min, all processes of the machine) at the start: ")
                    .append(r.get("loadAverageAtStart")).append("; at the end: ").append(r.get("loadAverageAtEnd"))
                    .append("\n");
        }
        Object notes = r.get("notes");
        if (notes instanceof List<?> list && !list.isEmpty()) {
            md.append("\nNotes:\n");
            list.forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }

    private static String rate(Map<String, Object> s, String unit) {
        return s.get("perSecond") + " " + unit + ", p50 " + s.get("p50Ms") + " ms, p99 " + s.get("p99Ms") + " ms";
    }

    private static String mark(boolean met) {
        return met ? "yes" : "**no**";
    }

    /** "; query-service on CPU, ms per operation: thread a, …; by library: l, …" from a StackProfile. */
    private static String stacks(Map<String, Object> profile, String per) {
        if (profile == null) {
            return "";
        }
        if (profile.containsKey("unavailable")) {
            return "; no stack profile: " + profile.get("unavailable");
        }
        return "; query-service on CPU (async-profiler, ms per " + per + "): " + top(map(profile.get("threads")), 6)
                + "; by library: " + top(map(profile.get("libraries")), 8);
    }

    private static String top(Map<String, Object> shares, int n) {
        StringBuilder s = new StringBuilder();
        shares.entrySet().stream().limit(n).forEach(e -> s.append(s.isEmpty() ? "" : ", ")
                .append(e.getKey().replace("|", "/")).append(' ').append(map(e.getValue()).get("msPerOperation")));
        return s.toString();
    }

    /** "; query-service's request threads waited 1.2 ms per answer for a core", or nothing if not measured. */
    private static String waited(Object ms, String service, String per) {
        return ms == null ? "" : "; " + service + "'s request threads waited " + ms + " ms per " + per
                + " for a core";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
