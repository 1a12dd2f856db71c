package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.List;

/**
 * A read model being rebuilt from the whole log into its shadow tables, chunk by chunk, to replace the live
 * one in a single short transaction. Memory is bounded by a chunk and a bounded cache, not by the log.
 */
public interface ReadModelRebuild {

    /**
     * Folds the next consecutive events of the log and writes what no longer fits in memory to the shadow
     * tables. Runs in a transaction of its own, with no projection lock: the live read model keeps going.
     */
    void apply(List<? extends TrackedEventMessage<?>> events);

    /** Writes whatever the rebuild still holds only in memory to the shadow tables. */
    void flush();

    /**
     * Readies the shadow tables to replace the live ones (builds their query indexes), after a {@link #flush()}
     * and before the swap: no lock, the live read model keeps going.
     */
    void prepareReplace();

    /**
     * Replaces the live rows with the shadow's (after a {@link #flush()}); runs inside the swap transaction,
     * under the exclusive projection lock, so readers see the old rows until it commits and the new ones after.
     */
    void replaceLive();

    /**
     * Instead of {@link #replaceLive()}: compares what the fold built (after a {@link #flush()}) with the live
     * read model, row by row and figure by figure. Run under the projection lock and at the position the fold
     * reached, it tells whether the live read model is what the log says; changes nothing.
     */
    List<ReadModelDifference> differencesFromLive();

    /** Empties the shadow tables: before a rebuild folds anything, and after its swap or its failure. */
    void clearShadow();
}
