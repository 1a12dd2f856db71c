package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.query.projection.EventLogScan;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bulk of a rebuild: one scan of the log feeding a fold thread per read model, so that the read models'
 * database writes overlap each other and the scan. Counts in {@code processed} the events every read model has
 * folded (the slowest one's count).
 */
final class ParallelFold {

    /** Tells a fold worker that the scan is over (compared by identity). */
    private static final List<TrackedEventMessage<?>> END = new ArrayList<>();

    private final TransactionTemplate transaction;
    private final RebuildLease lease;
    private final AtomicLong processed;

    ParallelFold(TransactionTemplate transaction, RebuildLease lease, AtomicLong processed) {
        this.transaction = transaction;
        this.lease = lease;
        this.processed = processed;
    }

    /**
     * Streams the log once and hands every chunk, decoded, to one worker thread per read model, each folding it
     * into its own shadow tables in its own transaction: the read models' database writes overlap each other and
     * the scan instead of following one another. A worker holds at most two chunks in waiting; the first failure
     * stops the scan and fails the rebuild.
     */
    void run(EventLogScan scan, DataSource dataSource, List<ReadModelRebuild> rebuilds) {
        int models = rebuilds.size();
        List<BlockingQueue<List<TrackedEventMessage<?>>>> queues = new ArrayList<>();
        long[] applied = new long[models];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            BlockingQueue<List<TrackedEventMessage<?>>> queue = new ArrayBlockingQueue<>(2);
            queues.add(queue);
            ReadModelRebuild rebuild = rebuilds.get(i);
            int model = i;
            Thread worker = new Thread(() -> {
                try {
                    for (List<TrackedEventMessage<?>> chunk = queue.take(); chunk != END; chunk = queue.take()) {
                        List<TrackedEventMessage<?>> events = chunk;
                        transaction.executeWithoutResult(tx -> rebuild.apply(events));
                        synchronized (applied) {
                            applied[model] += events.size();
                            processed.set(Arrays.stream(applied).min().orElse(0));
                        }
                    }
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, e);
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "projection-rebuild-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        boolean folded = false;
        try {
            scan.streamAll(dataSource, chunk -> {
                // decoded here, once, so that the workers share finished messages instead of racing to decode
                for (TrackedEventMessage<?> event : chunk) {
                    event.getPayload();
                    event.getMetaData();
                }
                lease.renew();
                for (BlockingQueue<List<TrackedEventMessage<?>>> queue : queues) {
                    handOver(queue, chunk, failure);
                }
            });
            for (BlockingQueue<List<TrackedEventMessage<?>>> queue : queues) {
                handOver(queue, END, failure);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            folded = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } finally {
            if (!folded) {
                workers.forEach(Thread::interrupt);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a read model failed to fold the log", failure.get());
        }
    }

    /** Puts {@code chunk} in {@code queue}, giving up as soon as a worker has failed. */
    private static void handOver(BlockingQueue<List<TrackedEventMessage<?>>> queue, List<TrackedEventMessage<?>> chunk,
                                 AtomicReference<Throwable> failure) {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    throw new IllegalStateException("a read model failed to fold the log", failure.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        }
    }

}
