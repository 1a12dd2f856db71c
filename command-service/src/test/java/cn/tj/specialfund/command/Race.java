package cn.tj.specialfund.command;

import cn.tj.specialfund.command.LedgerClient.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Fires requests from as many threads at once, released together, and collects every answer. */
final class Race {

    private Race() {
    }

    static List<Response> run(List<Supplier<Response>> requests) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch ready = new CountDownLatch(requests.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (Supplier<Response> request : requests) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.get();
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    static long count(List<Response> responses, int status) {
        return responses.stream().filter(r -> r.status() == status).count();
    }

    static long count(List<Response> responses, int status, String code) {
        return responses.stream().filter(r -> r.status() == status && code.equals(r.code())).count();
    }
}
