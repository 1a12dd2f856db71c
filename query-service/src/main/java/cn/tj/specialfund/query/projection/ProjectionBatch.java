package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.EventMessage;

/**
 * What a read model changes while it handles the events of one processor batch: it loads what the batch's events
 * need when it is opened ({@link RebuildableReadModel#openBatch}), folds them in memory one at a time, and writes
 * everything once, in a few batched statements, when the batch's transaction prepares to commit (together with the
 * processor's token).
 */
public interface ProjectionBatch {

    /** Folds one event into the batch's state; throws, leaving that state as it was, if it cannot. */
    void apply(EventMessage<?> event);

    /** Writes what the batch changed, inside the batch's transaction. */
    void flush();
}
