package cn.tj.specialfund.support.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Axon's JDBC engine, recording in {@link LateCommits} every tracked event whose token does not name its own
 * position. Axon computes the token from the row's {@code global_index} in this one method and keeps the index
 * nowhere else, so the subclass is the only place it can be seen.
 */
final class LateCommitRecordingStorageEngine extends JdbcEventStorageEngine {

    private final LateCommits lateCommits;
    private final String globalIndexColumn;

    LateCommitRecordingStorageEngine(Builder builder, LateCommits lateCommits, String globalIndexColumn) {
        super(builder);
        this.lateCommits = lateCommits;
        this.globalIndexColumn = globalIndexColumn;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> data = super.getTrackedEventData(resultSet, previousToken);
        long own = resultSet.getLong(globalIndexColumn);
        if (data.trackingToken() instanceof GapAwareTrackingToken token && token.getIndex() != own) {
            lateCommits.record(data.getEventIdentifier(), own);
        }
        return data;
    }
}
