package cn.tj.specialfund.query.projection;

/** A read model that can be rebuilt from the event log; its live projection belongs to {@link #processingGroup()}. */
public interface RebuildableReadModel {

    String processingGroup();

    ReadModelRebuild startRebuild(RebuildSettings settings);

    /**
     * How a rebuild bounds its memory.
     *
     * @param cachedApplications application states a rebuild keeps in memory (written back to its shadow table
     *                           when they drop out, read back when an event needs them again)
     */
    record RebuildSettings(int cachedApplications) {
        public RebuildSettings {
            if (cachedApplications < 1) {
                throw new IllegalArgumentException("cachedApplications must be at least 1");
            }
        }
    }
}
