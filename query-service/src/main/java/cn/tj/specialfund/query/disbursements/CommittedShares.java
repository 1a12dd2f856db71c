package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.query.projection.TokenPositions;
import org.axonframework.eventhandling.EventMessage;

import java.math.BigDecimal;
import java.time.Instant;

/** The shares an award or a top-up commits, at its event's instant. */
record CommittedShares(String eventId, String applicationId, String direction, String district,
                       BigDecimal municipalShare, BigDecimal districtShare, Instant at, long position) {

    /** The shares an event commits, or null if it commits none. */
    static CommittedShares of(EventMessage<?> message) {
        Object payload = message.getPayload();
        long position = TokenPositions.positionOf(message);
        if (payload instanceof ApplicationAwarded e) {
            return new CommittedShares(message.getIdentifier(), e.applicationId().toString(), e.direction().code(),
                    e.district().name(), e.municipalShare().amount(), e.districtShare().amount(),
                    message.getTimestamp(), position);
        }
        if (payload instanceof AwardToppedUp e) {
            return new CommittedShares(message.getIdentifier(), e.applicationId().toString(), e.direction().code(),
                    e.district().name(), e.municipalShare().amount(), e.districtShare().amount(),
                    message.getTimestamp(), position);
        }
        return null;
    }
}
