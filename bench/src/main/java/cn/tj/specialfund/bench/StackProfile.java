package cn.tj.specialfund.bench;

import one.profiler.AsyncProfilerLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * async-profiler (through ap-loader, which carries its binaries) attached to a service for one phase: every stack
 * of every thread sampled at a fixed interval, either on CPU ({@code cpu}) or whatever the thread does
 * ({@code wall}: running, waiting for PostgreSQL, parked). The collapsed stacks are kept beside the report
 * (a flame graph's input) and reduced here to what says where a phase's time goes: samples per kind of thread,
 * per state for the projections' threads, and per the system's own frame that led there.
 * <p>
 * Where async-profiler cannot attach (no perf events, another OS) the phase runs without a profile and says so.
 */
final class StackProfile {

    /** "WorkPackage[application_view]-1 tid=4242" → "WorkPackage[application_view]". */
    private static final Pattern THREAD_NUMBER = Pattern.compile("(?:[-#]\\d+)*(?: tid=\\d+)?$");
    private static final String OWN_CODE = "cn/tj/specialfund/";
    /** Where a sample's time is spent: the first of these met walking from the running frame to the root. */
    private static final List<String[]> LIBRARIES = List.of(
            new String[]{"org/postgresql", "PostgreSQL driver"}, new String[]{"com/zaxxer/hikari", "connection pool"},
            new String[]{"com/fasterxml", "JSON"}, new String[]{"org/axonframework", "Axon"},
            new String[]{"org/springframework/jdbc", "Spring JDBC"},
            new String[]{"org/springframework/transaction", "Spring transactions"},
            new String[]{"org/springframework/security", "Spring Security"},
            new String[]{"org/apache/catalina", "Tomcat"}, new String[]{"org/apache/coyote", "Tomcat"},
            new String[]{"org/apache/tomcat", "Tomcat"}, new String[]{"org/springframework", "Spring"},
            new String[]{"io/micrometer", "Micrometer"}, new String[]{"org/bouncycastle", "Ed25519"},
            new String[]{OWN_CODE, "the system's own code"});

    private final String event;
    private final int intervalMillis;
    private final long pid;
    private final Path file;
    private final String failure;
    private final long startedNanos = System.nanoTime();

    private StackProfile(String event, int intervalMillis, long pid, Path file, String failure) {
        this.event = event;
        this.intervalMillis = intervalMillis;
        this.pid = pid;
        this.file = file;
        this.failure = failure;
    }

    /** Starts sampling {@code pid}'s threads by {@code event} ({@code cpu} or {@code wall}). */
    static StackProfile start(String event, int intervalMillis, long pid, Path file) {
        try {
            Files.createDirectories(file.getParent());
            AsyncProfilerLoader.ExecutionResult started = AsyncProfilerLoader.executeProfiler("start", "-e", event,
                    "-i", intervalMillis + "ms", "-t", String.valueOf(pid));
            return new StackProfile(event, intervalMillis, pid, file,
                    started.getStderr().contains("rror") ? started.getStderr().trim() : null);
        } catch (IOException | RuntimeException e) {
            return new StackProfile(event, intervalMillis, pid, file, String.valueOf(e));
        }
    }

    /**
     * Stops sampling and reduces the stacks; {@code operations} (commands, answers) gives the per-operation
     * figures: milliseconds of samples per operation, which for {@code cpu} is CPU time.
     */
    Map<String, Object> stop(long operations) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("event", event);
        r.put("intervalMs", intervalMillis);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        if (failure != null) {
            r.put("unavailable", failure);
            return r;
        }
        try {
            AsyncProfilerLoader.executeProfiler("stop", "-o", "collapsed", "-f", file.toString(), String.valueOf(pid));
            reduce(Files.readAllLines(file), operations, seconds, r);
            r.put("collapsedStacks", file.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            r.put("unavailable", String.valueOf(e));
        }
        return r;
    }

    private void reduce(List<String> lines, long operations, double seconds, Map<String, Object> r) {
        Map<String, Long> threads = new TreeMap<>();
        Map<String, Map<String, Long>> projectionStates = new TreeMap<>();
        Map<String, Long> ownFrames = new TreeMap<>();
        Map<String, Long> libraries = new TreeMap<>();
        long total = 0;
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            String thread = frames[0].startsWith("[") && frames[0].endsWith("]")
                    ? THREAD_NUMBER.matcher(frames[0].substring(1, frames[0].length() - 1)).replaceFirst("")
                    : "(unnamed)";
            total += samples;
            threads.merge(thread, samples, Long::sum);
            if (thread.startsWith("WorkPackage[") || thread.startsWith("Coordinator[")) {
                projectionStates.computeIfAbsent(thread.substring(0, thread.indexOf('[')), k -> new TreeMap<>())
                        .merge(state(frames), samples, Long::sum);
            }
            libraries.merge(library(frames), samples, Long::sum);
            for (int i = frames.length - 1; i > 0; i--) {
                if (frames[i].startsWith(OWN_CODE)) {
                    ownFrames.merge(frames[i].replace('/', '.'), samples, Long::sum);
                    break;
                }
            }
        }
        r.put("seconds", Latencies.round(seconds));
        r.put("samples", total);
        r.put("operations", operations);
        r.put("msPerOperation", Latencies.round(total * (double) intervalMillis / Math.max(1, operations)));
        r.put("threads", shares(threads, total, operations, 12));
        if (event.equals("wall")) {
            // on CPU every sample is running: only wall-clock samples say what else the threads do
            Map<String, Object> states = new LinkedHashMap<>();
            projectionStates.forEach((kind, byState) -> states.put(kind,
                    shares(byState, byState.values().stream().mapToLong(Long::longValue).sum(), operations, 6)));
            r.put("projectionThreadStates", states);
        }
        r.put("libraries", shares(libraries, total, operations, 16));
        r.put("ownFrames", shares(ownFrames, total, operations, 15));
    }

    /** The library a sample runs in: the kernel, or the first known one from the running frame to the root. */
    private static String library(String[] frames) {
        String leaf = frames[frames.length - 1];
        if (leaf.endsWith("_[k]")) {
            return "kernel";
        }
        for (int i = frames.length - 1; i > 0; i--) {
            for (String[] library : LIBRARIES) {
                if (frames[i].startsWith(library[0])) {
                    return library[1];
                }
            }
        }
        return "JVM and JDK (compiler, GC, interpreter)";
    }

    /** What a projection thread's sample shows it doing. */
    private static String state(String[] frames) {
        String leaf = frames[frames.length - 1];
        boolean inDriver = false;
        for (String frame : frames) {
            inDriver |= frame.startsWith("org/postgresql") || frame.startsWith("org.postgresql");
        }
        if (inDriver && (leaf.contains("read") || leaf.contains("poll") || leaf.contains("recv")
                || leaf.contains("park") || leaf.contains("epoll"))) {
            return "waiting for PostgreSQL";
        }
        if (leaf.contains("park") || leaf.contains("Object.wait") || leaf.contains("sleep")
                || leaf.contains("futex") || leaf.contains("pthread_cond")) {
            return "parked (idle or waiting for a lock)";
        }
        return "running or runnable";
    }

    /** The {@code top} largest counts: share of {@code total} and milliseconds per operation. */
    private Map<String, Object> shares(Map<String, Long> counts, long total, long operations, int top) {
        Map<String, Object> result = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top).forEach(e -> result.put(e.getKey(), Map.of(
                        "share", Latencies.round(e.getValue() / (double) Math.max(1, total)),
                        "msPerOperation", Latencies.round(e.getValue() * (double) intervalMillis
                                / Math.max(1, operations)))));
        return result;
    }
}
