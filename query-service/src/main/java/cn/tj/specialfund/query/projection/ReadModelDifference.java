package cn.tj.specialfund.query.projection;

/**
 * One place where a read model's live state and a fold of the log disagree: the row or figure by its key, as
 * each of them has it (null where one has nothing).
 */
public record ReadModelDifference(String readModel, String key, String live, String fromLog) {
}
