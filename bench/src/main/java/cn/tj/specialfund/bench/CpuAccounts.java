package cn.tj.specialfund.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes while one kind of request runs: the CPU time of the command service, the query
 * service, the HTTP floor, every PostgreSQL process and this client, read from {@code /proc}, per request. On two
 * shared cores the rate any request reaches is about the cores' time divided by what one request costs in all of
 * them together, so this is the profile that says what limits a rate, and whose share it is.
 */
final class CpuAccounts {

    private static final double CLOCK_TICKS = 100;

    private final Map<String, Long> pids = new LinkedHashMap<>();

    CpuAccounts(long commandPid, long queryPid, long floorPid) {
        pids.put("command-service", commandPid);
        pids.put("query-service", queryPid);
        pids.put("http-floor", floorPid);
        pids.put("client", ProcessHandle.current().pid());
    }

    /**
     * CPU ticks of each account now, and of the whole machine (busy); for the two services also the part of
     * their JIT compiler threads and their garbage collector's, which a young JVM spends apart from its requests.
     */
    Map<String, Long> now() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, pid > 0 ? Resources.cpuTicks(pid) : 0));
        for (String service : new String[]{"command-service", "query-service"}) {
            long[] jitAndGc = jitAndGcTicks(pids.get(service));
            ticks.put(service + " JIT", jitAndGc[0]);
            ticks.put(service + " GC", jitAndGc[1]);
        }
        ticks.put("postgres", postgresTicks());
        ticks.put("machine", Resources.machineBusyTicks());
        return ticks;
    }

    /** Milliseconds of CPU per operation in each account since {@code start}, the machine's busy time included. */
    Map<String, Object> perOperation(Map<String, Long> start, long operations) {
        Map<String, Long> end = now();
        Map<String, Object> r = new LinkedHashMap<>();
        double accounted = 0;
        for (Map.Entry<String, Long> e : end.entrySet()) {
            double ms = (e.getValue() - start.get(e.getKey())) * 1000 / CLOCK_TICKS / Math.max(1, operations);
            if (!e.getKey().equals("machine") && !e.getKey().endsWith(" JIT") && !e.getKey().endsWith(" GC")) {
                accounted += ms;
            }
            r.put(e.getKey(), Latencies.round(ms));
        }
        r.put("accounted", Latencies.round(accounted));
        return r;
    }


    /** CPU of the JIT compiler threads and of the GC threads, in ticks, from {@code jcmd <pid> Thread.print}. */
    private static long[] jitAndGcTicks(long pid) {
        long[] ticks = new long[2];
        if (pid <= 0) {
            return ticks;
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "Thread.print").redirectErrorStream(true)
                    .start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^\"([^\"]+)\".*? cpu=([0-9.]+)ms", java.util.regex.Pattern.MULTILINE).matcher(dump);
            while (m.find()) {
                String thread = m.group(1);
                long t = Math.round(Double.parseDouble(m.group(2)) * CLOCK_TICKS / 1000);
                if (thread.matches("C[12] CompilerThread.*")) {
                    ticks[0] += t;
                } else if (thread.matches("(GC Thread|G1 ).*")) {
                    ticks[1] += t;
                }
            }
        } catch (IOException | RuntimeException e) {
            return ticks;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ticks;
    }

    /** Every process named postgres (the server and its backends: the benchmark is alone on the machine). */
    private static long postgresTicks() {
        long sum = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        sum += Resources.ticksOfStat(stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }
}
