package cn.tj.specialfund.query.projection;

import cn.tj.specialfund.support.eventstore.LateCommits;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Gives every event of a live batch its own position in the log. An event that committed after a later one
 * arrives with a token naming that later event's position ({@link LateCommits}); the rebuild and the verification
 * read each event's own {@code global_index}, so the live read models must order and key by the same figure.
 * Such an event is handed on with a token of its own position.
 */
final class LogPositions {

    private final LateCommits lateCommits;

    LogPositions(LateCommits lateCommits) {
        this.lateCommits = lateCommits;
    }

    /** The batch's events as delivered, the late commits among them carrying a token of their own position. */
    List<EventMessage<?>> withOwnPositions(List<? extends EventMessage<?>> delivered) {
        List<EventMessage<?>> result = new ArrayList<>(delivered.size());
        for (EventMessage<?> event : delivered) {
            result.add(withOwnPosition(event));
        }
        return result;
    }

    EventMessage<?> withOwnPosition(EventMessage<?> event) {
        if (!(event instanceof TrackedEventMessage<?> tracked)) {
            return event;
        }
        OptionalLong own = lateCommits.positionOf(event.getIdentifier());
        if (own.isEmpty() || TokenPositions.positionOf(event) == own.getAsLong()) {
            return event;
        }
        return tracked.withTrackingToken(new GlobalSequenceTrackingToken(own.getAsLong()));
    }
}
