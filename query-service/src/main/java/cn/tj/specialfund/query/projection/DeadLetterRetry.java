package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Re-applies the read models' dead letters (after the cause is fixed), one application's sequence at a time,
 * oldest first, through Axon's {@code process}: each letter goes into a batch of its own, and the batch's writes
 * and the letter's eviction commit in one transaction, so a letter goes in exactly once. A letter that fails
 * again stays parked (requeued, with its new cause) with the rest of its sequence.
 */
@Component
public class DeadLetterRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);

    private final DeadLetters deadLetters;
    private final List<RebuildableReadModel> readModels;
    private final ProjectionLock lock;
    private final TransactionTemplate transaction;
    private final Savepoints savepoints;

    DeadLetterRetry(DeadLetters deadLetters, List<RebuildableReadModel> readModels, ProjectionLock lock,
                    PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.deadLetters = deadLetters;
        this.readModels = readModels;
        this.lock = lock;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoints = new Savepoints(jdbc.getDataSource());
    }

    /** Retries every dead letter of every read model once; returns how many were applied. */
    public int retryAll() {
        AtomicInteger applied = new AtomicInteger();
        for (RebuildableReadModel model : readModels) {
            JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = deadLetters.queue(model.processingGroup());
            long sequences = queue.amountOfSequences();
            for (long i = 0; i < sequences; i++) {
                transaction.executeWithoutResult(tx -> {
                    lock.acquireShared();
                    queue.process(letter -> retry(model, letter, applied));
                });
            }
        }
        log.info("Dead letters retried: {} applied", applied.get());
        return applied.get();
    }

    private EnqueueDecision<EventMessage<?>> retry(RebuildableReadModel model, DeadLetter<? extends EventMessage<?>> letter,
                                                   AtomicInteger applied) {
        EventMessage<?> event = letter.message();
        RuntimeException cause = savepoints.attempt(() -> {
            ProjectionBatch batch = model.openBatch(List.of(event));
            batch.apply(event);
            batch.flush();
        });
        if (cause == null) {
            applied.incrementAndGet();
            return Decisions.evict();
        }
        log.warn("Dead letter {} of {} still fails: {}", event.getIdentifier(), model.processingGroup(), cause.toString());
        return Decisions.requeue(cause);
    }
}
