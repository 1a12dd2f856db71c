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
 * async-profiler (through ap-loader, which carries its binaries) attached to a service for one phase: the stacks of
 * its threads sampled on CPU at a fixed interval. The collapsed stacks are kept in the run's logs (a flame graph's
 * input) and reduced here to what says where a phase's CPU goes: per kind of thread, per library the running
 * frame belongs to, and per the system's own frame that led there.
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

    private final int intervalMillis;
    private final long pid;
    private final Path file;
    private final String failure;
    private final long startedNanos = System.nanoTime();

    private StackProfile(int intervalMillis, long pid, Path file, String failure) {
        this.intervalMillis = intervalMillis;
        this.pid = pid;
        this.file = file;
        this.failure = failure;
    }

    /** Starts sampling {@code pid}'s threads on CPU. */
    static StackProfile start(int intervalMillis, long pid, Path file) {
        try {
            Files.createDirectories(file.getParent());
            // ap-loader runs asprof and throws on a non-zero exit, with asprof's message
            AsyncProfilerLoader.executeProfiler("start", "-e", "cpu", "-i", intervalMillis + "ms", "-t",
                    String.valueOf(pid));
            return new StackProfile(intervalMillis, pid, file, null);
        } catch (IOException | RuntimeException e) {
            return new StackProfile(intervalMillis, pid, file, String.valueOf(e));
        }
    }

    /**
     * Stops sampling and reduces the stacks; {@code operations} (commands, answers) gives the per-operation
     * figures: milliseconds of CPU per operation.
     */
    Map<String, Object> stop(long operations) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("event", "cpu");
        r.put("intervalMs", intervalMillis);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        if (failure != null) {
            r.put("unavailable", failure);
            return r;
        }
        try {
            AsyncProfilerLoader.executeProfiler("stop", "-o", "collapsed", "-f", file.toString(), String.valueOf(pid));
            r.put("seconds", Latencies.round(seconds));
            r.putAll(reduce(intervalMillis, Files.readAllLines(file), operations));
            r.put("collapsedStacks", file.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            r.put("unavailable", String.valueOf(e));
        }
        return r;
    }

    /** Collapsed stacks ({@code [thread];frame;…;frame samples}, one per line) reduced to their shares. */
    static Map<String, Object> reduce(int intervalMillis, List<String> lines, long operations) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Long> threads = new TreeMap<>();
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
            libraries.merge(library(frames), samples, Long::sum);
            for (int i = frames.length - 1; i > 0; i--) {
                if (frames[i].startsWith(OWN_CODE)) {
                    ownFrames.merge(frames[i].replace('/', '.'), samples, Long::sum);
                    break;
                }
            }
        }
        r.put("samples", total);
        r.put("operations", operations);
        r.put("msPerOperation", Latencies.round(total * (double) intervalMillis / Math.max(1, operations)));
        r.put("threads", shares(threads, total, operations, 12, intervalMillis));
        r.put("libraries", shares(libraries, total, operations, 16, intervalMillis));
        r.put("ownFrames", shares(ownFrames, total, operations, 15, intervalMillis));
        return r;
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

    /** The {@code top} largest counts: share of {@code total} and milliseconds per operation. */
    private static Map<String, Object> shares(Map<String, Long> counts, long total, long operations, int top,
                                              int intervalMillis) {
        Map<String, Object> result = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top).forEach(e -> result.put(e.getKey(), Map.of(
                        "share", Latencies.round(e.getValue() / (double) Math.max(1, total)),
                        "msPerOperation", Latencies.round(e.getValue() * (double) intervalMillis
                                / Math.max(1, operations)))));
        return result;
    }
}
