package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One read model's batch of one unit of work, made so that no event can stop it. Events of applications that
 * have dead letters are held back and parked behind them. The rest go to the read model's {@link ProjectionBatch};
 * if one of them fails, or the batch's write at prepare-commit does (which names no event), the batch's writes
 * are undone and its events are applied again one at a time, each in a batch and savepoint of its own: the ones
 * that fail are parked as dead letters (with their applications' later events), the others commit with the
 * token.
 */
final class GuardedBatch {

    private static final Logger log = LoggerFactory.getLogger(GuardedBatch.class);

    private final RebuildableReadModel model;
    private final DeadLetters deadLetters;
    private final Savepoints savepoints;
    private final Set<String> parked;
    private final ProjectionBatch batch;
    private final List<EventMessage<?>> applied = new ArrayList<>();
    private final List<EventMessage<?>> heldBack = new ArrayList<>();
    private RuntimeException failure;

    /** {@code parked}: the applications that have dead letters in the read model's group (a set of its own). */
    GuardedBatch(RebuildableReadModel model, List<? extends EventMessage<?>> events, Set<String> parked,
                 DeadLetters deadLetters, Savepoints savepoints) {
        this.model = model;
        this.deadLetters = deadLetters;
        this.savepoints = savepoints;
        this.parked = parked;
        this.batch = model.openBatch(events.stream().filter(e -> !parked.contains(DeadLetters.sequenceOf(e))).toList());
    }

    void apply(EventMessage<?> event) {
        if (parked.contains(DeadLetters.sequenceOf(event))) {
            heldBack.add(event);
            return;
        }
        applied.add(event);
        if (failure == null) {
            try {
                batch.apply(event);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
    }

    /** At prepare-commit: writes the batch, or finds and parks what it cannot apply and writes the rest. */
    void commit() {
        if (failure == null) {
            failure = savepoints.attempt(batch::flush);
        }
        if (failure != null) {
            log.warn("A batch of {} failed ({}); applying its {} events one at a time", model.processingGroup(),
                    failure.toString(), applied.size());
            applied.forEach(this::applyAlone);
        }
        heldBack.forEach(this::parkBehindOrApply);
    }

    private void applyAlone(EventMessage<?> event) {
        if (parked.contains(DeadLetters.sequenceOf(event))) {
            parkBehindOrApply(event);
            return;
        }
        RuntimeException cause = savepoints.attempt(() -> {
            ProjectionBatch single = model.openBatch(List.of(event));
            single.apply(event);
            single.flush();
        });
        if (cause != null) {
            log.warn("{} parks event {} ({}) of {} as a dead letter: {}", model.processingGroup(), event.getIdentifier(),
                    event.getPayloadType().getSimpleName(), DeadLetters.sequenceOf(event), cause.toString());
            deadLetters.park(model.processingGroup(), event, cause);
            parked.add(DeadLetters.sequenceOf(event));
        }
    }

    /** Parks a held-back event behind its application's dead letters, or applies it if a retry has cleared them. */
    private void parkBehindOrApply(EventMessage<?> event) {
        if (!deadLetters.parkBehind(model.processingGroup(), event)) {
            parked.remove(DeadLetters.sequenceOf(event));
            applyAlone(event);
        }
    }
}
