package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one application's support owes and has paid, per source (the city's share, the district's matching
 * share), and every payment by id: the state the {@link Application} checks a payment or a reversal against.
 */
final class Disbursements {

    private final Map<FundingSource, Money> committed = new EnumMap<>(FundingSource.class);
    private final Map<FundingSource, Money> paid = new EnumMap<>(FundingSource.class);
    private final Map<UUID, Payment> payments = new HashMap<>();
    private LocalDate firstAwardedOn;

    Disbursements() {
        for (FundingSource source : FundingSource.values()) {
            committed.put(source, Money.ZERO);
            paid.put(source, Money.ZERO);
        }
    }

    /** An award or top-up raises both shares; the first one dates the earliest possible payment. */
    void commit(Money municipalShare, Money districtShare, LocalDate on) {
        committed.merge(FundingSource.MUNICIPAL, municipalShare, Money::plus);
        committed.merge(FundingSource.DISTRICT, districtShare, Money::plus);
        if (firstAwardedOn == null) {
            firstAwardedOn = on;
        }
    }

    void record(DisbursementRecorded event) {
        paid.merge(event.source(), event.amount(), Money::plus);
        payments.put(event.disbursementId(), new Payment(event.source(), event.amount(), false));
    }

    void reverse(DisbursementReversed event) {
        paid.put(event.source(), paid.get(event.source()).minus(event.amount()));
        payments.put(event.disbursementId(), new Payment(event.source(), event.amount(), true));
    }

    Money paid(FundingSource source) {
        return paid.get(source);
    }

    Money outstanding(FundingSource source) {
        return committed.get(source).minus(paid.get(source));
    }

    LocalDate firstAwardedOn() {
        return firstAwardedOn;
    }

    /** The payment with this id, or null if this application has none. */
    Payment payment(UUID disbursementId) {
        return payments.get(disbursementId);
    }

    record Payment(FundingSource source, Money amount, boolean reversed) {
    }
}
