package cn.tj.specialfund.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples each service once a second: heap in use (Micrometer's jvm.memory.used, area heap), resident memory
 * (VmRSS) and CPU time of the process; keeps the maximum heap and RSS and the CPU used per phase.
 */
final class Resources implements AutoCloseable {

    record Service(String name, String baseUrl, long pid) {
    }

    private static final long CLOCK_TICKS = 100;

    private final Http http;
    private final List<Service> services;
    private final Map<String, Map<String, Map<String, Object>>> phases = new LinkedHashMap<>();
    private final Thread thread;
    private volatile String phase = "startup";
    private volatile boolean running = true;
    private final Map<String, long[]> phaseStart = new LinkedHashMap<>();

    Resources(Http http, List<Service> services) {
        this.http = http;
        this.services = services;
        this.thread = new Thread(this::loop, "resources");
        this.thread.setDaemon(true);
        phase("startup");
        thread.start();
    }

    synchronized void phase(String name) {
        closePhase();
        phase = name;
        long[] start = new long[services.size() + 2];
        for (int i = 0; i < services.size(); i++) {
            start[i] = cpuTicks(services.get(i).pid());
        }
        long[] machine = machineTicks();
        start[services.size()] = machine[0];
        start[services.size() + 1] = machine[1];
        phaseStart.put(name, start);
        phaseStart.put(name + "#t", new long[]{System.nanoTime()});
    }

    private void closePhase() {
        long[] start = phaseStart.get(phase);
        if (start == null) {
            return;
        }
        double seconds = (System.nanoTime() - phaseStart.get(phase + "#t")[0]) / 1e9;
        for (int i = 0; i < services.size(); i++) {
            double cpu = (cpuTicks(services.get(i).pid()) - start[i]) / (double) CLOCK_TICKS;
            entry(phase, services.get(i).name()).put("cpuPercent", Latencies.round(100 * cpu / seconds));
        }
        long[] machine = machineTicks();
        long busy = machine[0] - start[services.size()];
        long total = machine[1] - start[services.size() + 1];
        entry(phase, "machine").put("cpuBusyPercent", Latencies.round(total == 0 ? 0 : 100.0 * busy / total));
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        for (Service s : services) {
            double heap = heapMegabytes(s);
            double rss = rssMegabytes(s.pid());
            synchronized (this) {
                Map<String, Object> e = entry(phase, s.name());
                // an unanswered sample (a service too busy or out of memory) leaves the maximum as it was
                if (!Double.isNaN(heap)) {
                    e.merge("maxHeapMb", heap, (a, b) -> Math.max((Double) a, (Double) b));
                } else {
                    e.merge("unansweredHeapSamples", 1, (a, b) -> (Integer) a + (Integer) b);
                }
                if (!Double.isNaN(rss)) {
                    e.merge("maxRssMb", rss, (a, b) -> Math.max((Double) a, (Double) b));
                }
            }
        }
    }

    private Map<String, Object> entry(String phase, String service) {
        return phases.computeIfAbsent(phase, p -> new LinkedHashMap<>()).computeIfAbsent(service, s -> new LinkedHashMap<>());
    }

    private double heapMegabytes(Service s) {
        Http.Response r = http.get(s.baseUrl() + "/actuator/metrics/jvm.memory.used?tag=area:heap", "metrics", "metrics");
        if (r.ok()) {
            return Latencies.round(r.json().path("measurements").path(0).path("value").asDouble() / 1_048_576.0);
        }
        // the prometheus endpoint is always exposed, to the scrape account (the metrics endpoint is not)
        r = http.get(s.baseUrl() + "/actuator/prometheus", "metrics", "metrics");
        if (!r.ok()) {
            return Double.NaN;
        }
        double sum = 0;
        for (String line : new String(r.body()).split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Latencies.round(sum / 1_048_576.0);
    }

    static double rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Latencies.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** User and system CPU ticks of a process (0 once it is gone). */
    static long cpuTicks(long pid) {
        try {
            return ticksOfStat(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** User and system CPU ticks from the text of a {@code /proc/<pid>/stat}. */
    static long ticksOfStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** {busy, total} jiffies of the whole machine. */
    /** The machine's busy CPU ticks (all cores) since boot. */
    static long machineBusyTicks() {
        return machineTicks()[0];
    }

    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    synchronized Map<String, Map<String, Map<String, Object>>> phases() {
        return phases;
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closePhase();
            phaseStart.clear();
        }
        running = false;
        thread.interrupt();
        thread.join();
    }
}
