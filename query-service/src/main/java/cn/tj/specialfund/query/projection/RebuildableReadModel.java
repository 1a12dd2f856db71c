package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * The one thing a read model gives the plumbing: a package with a class implementing this (its projection, a
 * Spring bean whose {@code @EventHandler}s hand each event to {@link ProjectionBatches#apply}), its tables, its
 * fold and its controller is a read model, and needs nothing else. From this the plumbing runs its live batches
 * (a pooled streaming processor named {@link #processingGroup()}), its rebuild into shadow tables and the swap,
 * and its verification (a rebuild's fold compared with the live tables instead of swapped in,
 * {@link ReadModelRebuild#differencesFromLive()}).
 */
public interface RebuildableReadModel {

    /** The processing group of its live projection: a unique name, also its name in status and metrics. */
    String processingGroup();

    /**
     * Opens the state one processor batch folds, given every event of that batch (so that it can load what they
     * need in one query rather than one per event). Also used with a single event, to find the event of a failed
     * batch that cannot be applied.
     */
    ProjectionBatch openBatch(List<? extends EventMessage<?>> events);

    /** Starts folding the whole log into scratch (shadow) state, to swap in or to compare with the live state. */
    ReadModelRebuild startRebuild(RebuildSettings settings);

    /**
     * How a rebuild bounds its memory.
     *
     * @param cachedApplications application states a rebuild keeps in memory (written back to its shadow table
     *                           when they drop out, read back when an event needs them again)
     * @param parking            through which the rebuild folds each event, so that one it cannot fold is
     *                           parked with its application's later events instead of failing the rebuild
     */
    record RebuildSettings(int cachedApplications, RebuildParking parking) {
        public RebuildSettings {
            if (cachedApplications < 1) {
                throw new IllegalArgumentException("cachedApplications must be at least 1");
            }
        }

        public RebuildSettings(int cachedApplications) {
            this(cachedApplications, new RebuildParking());
        }
    }
}
