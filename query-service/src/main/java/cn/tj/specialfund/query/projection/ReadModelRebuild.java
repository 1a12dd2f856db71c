package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.TrackedEventMessage;

/** A read model being rebuilt in memory from the whole log, to replace the live one in a single transaction. */
public interface ReadModelRebuild {

    void apply(TrackedEventMessage<?> event);

    /** Replaces the live rows with the rebuilt ones; runs inside the swap transaction, under the exclusive lock. */
    void replaceLive();
}
