package cn.tj.specialfund.bench;

import cn.tj.specialfund.sample.SampleCall;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients that drive applications through the command service: each client takes an application, issues its
 * commands one after the other (the submission's answer gives the id), then takes the next. Optionally paced to
 * a total command rate, and optionally waiting after every accepted command until the query service shows its
 * effect (the command → read-model lag).
 */
final class CommandDriver {

    private final Http http;
    private final String commandUrl;
    private final String queryUrl;
    private final Workload workload;

    final Latencies all = new Latencies();
    final Map<String, Latencies> byKind = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    final Latencies lag = new Latencies();
    final LongAdder lagTimeouts = new LongAdder();
    final LongAdder applications = new LongAdder();
    private final AtomicLong nextSlot = new AtomicLong();
    /** Lag probes run beside the clients, so waiting for the read model does not slow the command rate down. */
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lag-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile double probeShare = 1;

    CommandDriver(Http http, String commandUrl, String queryUrl, Workload workload) {
        this.http = http;
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.workload = workload;
    }

    /**
     * Runs {@code clients} clients until {@code deadlineNanos} or until {@code maxApplications} were taken.
     * {@code ratePerSecond} > 0 paces the commands; {@code measureLag} polls the read model after each.
     * @return the elapsed seconds
     */
    double run(int clients, long deadlineNanos, long maxApplications, double ratePerSecond, boolean measureLag)
            throws InterruptedException {
        long started = System.nanoTime();
        long interval = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
        // about ten probes a second, each polling every few milliseconds, keep the probes' own load small
        probeShare = ratePerSecond > 10 ? 10 / ratePerSecond : 1;
        nextSlot.set(started);
        AtomicLong taken = new AtomicLong();
        Thread[] threads = new Thread[clients];
        for (int i = 0; i < clients; i++) {
            threads[i] = new Thread(() -> {
                while (System.nanoTime() < deadlineNanos && taken.incrementAndGet() <= maxApplications) {
                    Workload.Chain chain = workload.next();
                    applications.increment();
                    for (SampleCall.Step step : chain.steps) {
                        if (System.nanoTime() >= deadlineNanos && step.sequence() == 0) {
                            break;
                        }
                        if (interval > 0) {
                            long slot = nextSlot.getAndAdd(interval);
                            long wait = slot - System.nanoTime();
                            if (wait > 0) {
                                sleepNanos(wait);
                            }
                        }
                        if (!issue(chain, step, measureLag)) {
                            break;
                        }
                    }
                }
            }, "client-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        probes.shutdown();
        probes.awaitTermination(60, TimeUnit.SECONDS);
        return seconds;
    }

    /** @return false when the application cannot go on (its submission failed) */
    private boolean issue(Workload.Chain chain, SampleCall.Step step, boolean measureLag) {
        if (step.sequence() > 0 && chain.serverId == null) {
            return false;
        }
        SampleCall.HttpRequest request = step.http(chain.serverId == null ? step.applicationId() : chain.serverId);
        long t0 = System.nanoTime();
        Http.Response response = http.post(commandUrl + request.path(), Workload.user(step), step.demoPassword(),
                request.body());
        long t1 = System.nanoTime();
        all.recordNanos(t1 - t0);
        byKind.computeIfAbsent(Workload.kind(step.command()), k -> new Latencies()).recordNanos(t1 - t0);
        byStatus.computeIfAbsent(response.status(), k -> new LongAdder()).increment();
        if (!response.ok()) {
            return step.sequence() > 0;
        }
        if (step.sequence() == 0) {
            chain.serverId = UUID.fromString(response.json().path("id").asText());
        }
        if (measureLag && ThreadLocalRandom.current().nextDouble() < probeShare) {
            UUID id = chain.serverId;
            // the client goes on with the application's next command, so a later state also shows this one
            boolean rescoredLater = chain.steps.stream().skip(step.sequence() + 1L)
                    .anyMatch(later -> Workload.expectedScore(later.command()) != null);
            BigDecimal score = rescoredLater ? null : Workload.expectedScore(step.command());
            probes.execute(() -> awaitProjection(id, Workload.expectedStatus(step.command()), score, t1));
        }
        return true;
    }

    private void awaitProjection(UUID id, String status, BigDecimal score, long acknowledged) {
        long deadline = acknowledged + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Http.Response response = http.get(queryUrl + "/api/applications/" + id, "manager", "manager");
            if (response.ok()) {
                JsonNode json = response.json();
                String shown = json.path("status").asText();
                int reached = Workload.stage(shown) - Workload.stage(status);
                if (reached > 0 || (reached == 0 && (score == null || (json.hasNonNull("score")
                        && json.get("score").decimalValue().compareTo(score) == 0)))) {
                    lag.recordNanos(System.nanoTime() - acknowledged);
                    return;
                }
            }
            sleepNanos(5_000_000);
        }
        lagTimeouts.increment();
    }

    Map<String, Object> statuses() {
        Map<String, Object> result = new TreeMap<>();
        byStatus.forEach((status, n) -> result.put(String.valueOf(status), n.sum()));
        return result;
    }

    static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
