package cn.tj.specialfund.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How long some of a process's threads have waited, runnable, for a core: the second field of each thread's
 * {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds on a run queue), summed over the threads whose name starts
 * with a prefix ({@code http-nio}: Tomcat's request threads; {@code WorkPackage}: the projections' batches).
 * Divided by the operations of a phase, it is the part of their latency spent waiting for the CPU rather than
 * running on it: the profile of a saturated machine.
 */
final class RunQueueWaits {

    static final String REQUEST_THREADS = "http-nio";
    /** Linux keeps 15 characters of a thread's name: "WorkPackage[app". */
    static final String PROJECTION_THREADS = "WorkPackage";

    private RunQueueWaits() {
    }

    /** Nanoseconds the process's request threads have waited on a run queue so far (0 without a pid). */
    static long requestThreadsNanos(long pid) {
        return threadsNanos(pid, REQUEST_THREADS);
    }

    /** Nanoseconds the process's threads named {@code prefix}… have waited on a run queue so far. */
    static long threadsNanos(long pid, String prefix) {
        if (pid <= 0) {
            return 0;
        }
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith(prefix)) {
                        continue;
                    }
                    String[] fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
                    sum += Long.parseLong(fields[1]);
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /** Milliseconds per operation since {@code start} (a value of {@link #requestThreadsNanos}). */
    static double perOperationMs(long pid, long start, long operations) {
        return perOperationMs(pid, REQUEST_THREADS, start, operations);
    }

    /** Milliseconds per operation since {@code start} (a value of {@link #threadsNanos}) of the named threads. */
    static double perOperationMs(long pid, String prefix, long start, long operations) {
        return Latencies.round((threadsNanos(pid, prefix) - start) / 1e6 / Math.max(1, operations));
    }
}
