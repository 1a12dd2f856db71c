package cn.tj.specialfund.bench;

import cn.tj.specialfund.sample.SampleCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The commands' client against the HTTP floor (bench.floor): the same {@link Http} client, the same submission
 * bodies (from a workload of its own, so the commands' workload is not used up) and the same district
 * officers' credentials, one request after the other per client.
 */
final class FloorDriver {

    static final String PATH = "/api/floor/applications";

    private final Http http;
    private final String floorUrl;
    private final List<SampleCall.Step> submissions = new ArrayList<>();
    final Latencies all = new Latencies();
    final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    FloorDriver(Http http, String floorUrl, long seed) {
        this.http = http;
        this.floorUrl = floorUrl;
        Workload workload = new Workload(seed);
        for (int i = 0; i < Workload.BATCH * 2; i++) {
            submissions.add(workload.next().steps.get(0));
        }
    }

    /** @return the elapsed seconds */
    double run(int clients, long deadlineNanos) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        Thread[] threads = new Thread[clients];
        for (int i = 0; i < clients; i++) {
            threads[i] = new Thread(() -> {
                while (System.nanoTime() < deadlineNanos) {
                    SampleCall.Step step = submissions.get((int) (next.getAndIncrement() % submissions.size()));
                    SampleCall.HttpRequest request = step.http(step.applicationId());
                    long t0 = System.nanoTime();
                    Http.Response response = http.post(floorUrl + PATH, Workload.user(step), step.demoPassword(),
                            request.body());
                    all.recordNanos(System.nanoTime() - t0);
                    byStatus.computeIfAbsent(response.status(), k -> new LongAdder()).increment();
                }
            }, "floor-client-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    Map<String, Object> statuses() {
        Map<String, Object> result = new TreeMap<>();
        byStatus.forEach((status, n) -> result.put(String.valueOf(status), n.sum()));
        return result;
    }
}
