package cn.tj.specialfund.query.projection;

/** A read model that can be rebuilt from the event log; its live projection belongs to {@link #processingGroup()}. */
public interface RebuildableReadModel {

    String processingGroup();

    ReadModelRebuild startRebuild();
}
