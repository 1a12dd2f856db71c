package cn.tj.specialfund.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Dashboards under an open-loop load: requests arrive at a fixed rate whatever the answers' latency (closed-loop
 * clients slow down with the server and hide its queueing), from viewers who poll one dashboard each, as a
 * browser does, with the ETag of their last answer ({@code If-None-Match}); commands flow meanwhile at a steady
 * rate. A latency is measured from the request's scheduled time, so a late send counts against the server too
 * (no coordinated omission).
 */
final class OpenLoop {

    /** One dashboard as some user sees it: name (for the report), path, user, password. */
    record View(String name, String path, String user, String password) {
    }

    /** The three dashboards, as the city's users and as district officers (their caps are their district's). */
    static final List<View> DASHBOARDS = List.of(
            new View("directions", "/api/dashboard/directions", "manager", "manager"),
            new View("districts", "/api/dashboard/districts", "manager", "manager"),
            new View("caps", "/api/dashboard/caps", "reviewer", "reviewer"),
            new View("directions", "/api/dashboard/directions", "auditor", "auditor"),
            new View("districts", "/api/dashboard/districts", "finance", "finance"),
            new View("caps (district officer)", "/api/dashboard/caps", "district-xiqing", "district"),
            new View("caps (district officer)", "/api/dashboard/caps", "district-binhai", "district"),
            new View("districts", "/api/dashboard/districts", "district-nankai", "district"),
            new View("caps", "/api/dashboard/caps?limit=50", "manager", "manager"));

    /**
     * Requests the client keeps open at once; an arrival beyond them is counted as not sent (a server that far
     * behind has missed the target anyway, and the client must not grow without bound).
     */
    static final int MAX_IN_FLIGHT = 256;

    private final Http http;
    private final String queryUrl;

    OpenLoop(Http http, String queryUrl) {
        this.http = http;
        this.queryUrl = queryUrl;
    }

    /**
     * {@code rate} requests a second for {@code seconds}, spread over {@code viewers} viewers (viewer i polls
     * {@code views[i % views]} and keeps its own ETag).
     */
    Map<String, Object> run(List<View> views, double rate, double seconds, int viewers) throws InterruptedException {
        Map<String, Latencies> latencies = new ConcurrentHashMap<>();
        Map<String, LongAdder> notModified = new ConcurrentHashMap<>();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        Latencies all = new Latencies();
        LongAdder shed = new LongAdder();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        String[] etags = new String[viewers];
        ExecutorService senders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "open-loop");
            t.setDaemon(true);
            return t;
        });
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long sent = 0;
        for (long due = start; due < end; due += interval, sent++) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                CommandDriver.sleepNanos(wait);
            }
            int viewer = (int) (sent % viewers);
            View view = views.get(viewer % views.size());
            long scheduled = due;
            if (!inFlight.tryAcquire()) {
                shed.increment();
                continue;
            }
            senders.execute(() -> {
              try {
                String etag;
                synchronized (etags) {
                    etag = etags[viewer];
                }
                Http.Conditional answer = http.conditionalGet(queryUrl + view.path(), view.user(), view.password(), etag);
                long nanos = System.nanoTime() - scheduled;
                latencies.computeIfAbsent(view.name(), k -> new Latencies()).recordNanos(nanos);
                all.recordNanos(nanos);
                if (answer.status() == 304) {
                    notModified.computeIfAbsent(view.name(), k -> new LongAdder()).increment();
                } else if (answer.status() == 200) {
                    synchronized (etags) {
                        etags[viewer] = answer.etag();
                    }
                } else {
                    failures.computeIfAbsent(view.name() + " " + answer.status(), k -> new LongAdder()).increment();
                }
              } finally {
                inFlight.release();
              }
            });
        }
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("targetRate", rate);
        r.put("viewers", viewers);
        r.put("all", all.summary(elapsed));
        r.put("notSentClientBacklog", shed.sum());
        Map<String, Object> byView = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(latencies.keySet());
        names.sort(null);
        for (String name : names) {
            Map<String, Object> s = latencies.get(name).summary(elapsed);
            LongAdder n = notModified.get(name);
            s.put("notModified", n == null ? 0 : n.sum());
            byView.put(name, s);
        }
        r.put("byDashboard", byView);
        Map<String, Object> failed = new LinkedHashMap<>();
        failures.forEach((k, v) -> failed.put(k, v.sum()));
        r.put("failures", failed);
        return r;
    }
}
