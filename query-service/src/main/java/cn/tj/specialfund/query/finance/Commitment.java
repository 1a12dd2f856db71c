package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.projection.TokenPositions;
import org.axonframework.eventhandling.EventMessage;

import java.math.BigDecimal;
import java.time.Instant;

/** One line of the commitments ledger: an award, or a top-up (always MIIT pilot support), at its event's instant. */
record Commitment(String eventId, String applicationId, String kind, String direction, String district, String tier,
                  BigDecimal amount, BigDecimal municipalShare, BigDecimal districtShare, Instant at,
                  long position) {

    static final String AWARD = "AWARD";
    static final String TOP_UP = "TOP_UP";

    /** The ledger line an event writes, or null if it commits no money. */
    static Commitment of(EventMessage<?> message) {
        Object payload = message.getPayload();
        long position = TokenPositions.positionOf(message);
        if (payload instanceof ApplicationAwarded e) {
            return new Commitment(message.getIdentifier(), e.applicationId().toString(), AWARD, e.direction().code(),
                    e.district().name(), e.tier().name(), e.amount().amount(), e.municipalShare().amount(),
                    e.districtShare().amount(), message.getTimestamp(), position);
        }
        if (payload instanceof AwardToppedUp e) {
            return new Commitment(message.getIdentifier(), e.applicationId().toString(), TOP_UP,
                    e.direction().code(), e.district().name(), Tier.MIIT_PILOT.name(), e.topUpAmount().amount(),
                    e.municipalShare().amount(), e.districtShare().amount(), message.getTimestamp(), position);
        }
        return null;
    }
}
