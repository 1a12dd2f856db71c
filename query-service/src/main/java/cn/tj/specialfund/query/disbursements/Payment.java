package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.query.projection.TokenPositions;
import org.axonframework.eventhandling.EventMessage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One line of the payments ledger: a payment at the instant it was recorded, and when it was reversed (or null). */
record Payment(String disbursementId, String applicationId, String direction, String district, String source,
               BigDecimal amount, LocalDate paidOn, String voucher, Instant recordedAt, long position,
               Instant reversedAt) {

    static Payment of(DisbursementRecorded e, EventMessage<?> message) {
        return new Payment(e.disbursementId().toString(), e.applicationId().toString(), e.direction().code(),
                e.district().name(), e.source().name(), e.amount().amount(), e.paidOn(), e.voucher(),
                message.getTimestamp(), TokenPositions.positionOf(message), null);
    }

    Payment reversedAt(Instant at) {
        return new Payment(disbursementId, applicationId, direction, district, source, amount, paidOn, voucher,
                recordedAt, position, at);
    }

    /** Whether a payment reversed at {@code reversedAt} (null: not reversed) had been reversed at {@code asOf} (null: now). */
    static boolean reversedBy(Instant reversedAt, Instant asOf) {
        return reversedAt != null && (asOf == null || !reversedAt.isAfter(asOf));
    }
}
