package cn.tj.specialfund.query.projection;

/**
 * What a projection changes while it handles the events of one processor batch: collected in memory and
 * written once, in a few batched statements, when the batch's transaction prepares to commit (together with
 * the processor's token).
 */
public interface ProjectionBatch {

    void flush();
}
