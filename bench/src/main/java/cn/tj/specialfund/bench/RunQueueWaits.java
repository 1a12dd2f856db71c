package cn.tj.specialfund.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How long a process's HTTP request threads have waited, runnable, for a core: the second field of each thread's
 * {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds on a run queue), summed over the threads whose name starts
 * with {@code http-nio} (Tomcat's request threads). Divided by the requests of a phase, it is the part of a
 * request's latency spent waiting for the CPU rather than running on it: the profile of a saturated machine.
 */
final class RunQueueWaits {

    private static final String REQUEST_THREADS = "http-nio";

    private RunQueueWaits() {
    }

    /** Nanoseconds the process's request threads have waited on a run queue so far (0 without a pid). */
    static long requestThreadsNanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith(REQUEST_THREADS)) {
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
        return Latencies.round((requestThreadsNanos(pid) - start) / 1e6 / Math.max(1, operations));
    }
}
