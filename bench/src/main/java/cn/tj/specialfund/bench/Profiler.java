package cn.tj.specialfund.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Poor man's sampling profiler, enough to say what limits a phase: thread dumps of a service
 * ({@code jcmd <pid> Thread.print}) reduced to the top application frames of the threads that are running,
 * and PostgreSQL's view of the same moment (what its busy backends wait on, pg_stat_activity).
 */
final class Profiler implements AutoCloseable {

    private final long pid;
    private final Database database;
    private final Map<String, Integer> stacks = new ConcurrentHashMap<>();
    private final Map<String, Integer> waits = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;

    Profiler(long pid, Database database, long intervalMillis) {
        this.pid = pid;
        this.database = database;
        this.thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "profiler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        samples++;
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, 'running') "
                        + "FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
                        + "AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                waits.merge(rs.getString(1), 1, Integer::sum);
            }
        } catch (Exception e) {
            waits.merge("unavailable", 1, Integer::sum);
        }
        for (String trace : threadDump()) {
            stacks.merge(trace, 1, Integer::sum);
        }
    }

    /** The top frames of each running thread that is doing work (not parked in a poll or socket read). */
    private List<String> threadDump() {
        List<String> result = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            String dump;
            try (InputStream in = p.getInputStream()) {
                dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            p.waitFor(10, TimeUnit.SECONDS);
            for (String block : dump.split("\n\n")) {
                if (!block.contains("java.lang.Thread.State: RUNNABLE")) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (String line : block.split("\n")) {
                    line = line.trim();
                    if (line.startsWith("at ")) {
                        frames.add(line.substring(3).replaceAll("\\(.*\\)", ""));
                    }
                }
                if (frames.isEmpty() || idle(frames.get(0))) {
                    continue;
                }
                // the running frame, and the first frame of the system or its frameworks that led there
                String owner = frames.stream().skip(1).filter(f -> f.startsWith("cn.tj.specialfund")
                        || f.startsWith("org.axonframework") || f.startsWith("org.hibernate")
                        || f.startsWith("org.postgresql") || f.startsWith("org.springframework.security")
                        || f.startsWith("com.fasterxml")).findFirst().orElse("");
                result.add(String.join(" < ", frames.subList(0, Math.min(2, frames.size())))
                        + (owner.isEmpty() ? "" : " … " + owner));
            }
        } catch (IOException e) {
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    private static boolean idle(String frame) {
        return frame.contains("EPoll.wait") || frame.contains("Net.poll") || frame.contains("Net.accept")
                || frame.contains("SocketDispatcher.read") || frame.contains("NioSocketImpl")
                || frame.contains("SocketInputStream.socketRead") || frame.contains("Thread.dumpThreads")
                || frame.contains("Reference.waitForReferencePendingList") || frame.contains("Signal")
                || frame.contains("KQueue") || frame.contains("WatchService") || frame.contains("ProcessHandleImpl")
                || frame.contains("Thread.getStackTrace");
    }

    Map<String, Object> report(int top) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("samples", samples);
        r.put("postgresActiveBackends", topOf(waits, top));
        r.put("runningThreads", topOf(stacks, top));
        return r;
    }

    private static Map<String, Integer> topOf(Map<String, Integer> counts, int top) {
        Map<String, Integer> result = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(top).forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(15_000);
    }
}
