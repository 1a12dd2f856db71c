package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.query.applicationstate.ApplicationNames;
import cn.tj.specialfund.query.projection.ProjectionBatch;
import org.axonframework.eventhandling.EventMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fold of the disbursements read model over a run of events, for a live batch and a rebuild's chunk alike:
 * the payments its reversals need are loaded in one query when it opens, the events are folded in memory, and
 * the rows are written when it flushes. An event that cannot be folded (a second payment with one id, a
 * reversal of a payment the ledger does not have or has already reversed) throws and changes nothing.
 */
final class DisbursementBatch implements ProjectionBatch {

    private final DisbursementTables tables;
    private final List<ApplicationNames.Name> names = new ArrayList<>();
    private final List<CommittedShares> commitments = new ArrayList<>();
    private final Map<String, Payment> recorded = new LinkedHashMap<>();
    private final Map<String, Payment> stored;
    private final Map<String, Payment> reversedStored = new LinkedHashMap<>();

    DisbursementBatch(DisbursementTables tables, List<? extends EventMessage<?>> events) {
        this.tables = tables;
        Set<String> reversals = new HashSet<>();
        for (EventMessage<?> event : events) {
            if (event.getPayload() instanceof DisbursementReversed e) {
                reversals.add(e.disbursementId().toString());
            }
        }
        this.stored = tables.payments(reversals);
    }

    @Override
    public void apply(EventMessage<?> event) {
        Object payload = event.getPayload();
        ApplicationNames.Name name = ApplicationNames.Name.of(payload);
        if (name != null) {
            names.add(name);
            return;
        }
        CommittedShares shares = CommittedShares.of(event);
        if (shares != null) {
            commitments.add(shares);
        } else if (payload instanceof DisbursementRecorded e) {
            String id = e.disbursementId().toString();
            if (recorded.containsKey(id) || stored.containsKey(id)) {
                throw new IllegalStateException("disbursement " + id + " recorded twice");
            }
            recorded.put(id, Payment.of(e, event));
        } else if (payload instanceof DisbursementReversed e) {
            reverse(e.disbursementId().toString(), event);
        }
    }

    private void reverse(String id, EventMessage<?> event) {
        Payment payment = recorded.containsKey(id) ? recorded.get(id)
                : reversedStored.getOrDefault(id, stored.get(id));
        if (payment == null) {
            throw new IllegalStateException("reversal of disbursement " + id + ", which was never recorded");
        }
        if (payment.reversedAt() != null) {
            throw new IllegalStateException("disbursement " + id + " reversed twice");
        }
        Payment reversed = payment.reversedAt(event.getTimestamp());
        if (recorded.containsKey(id)) {
            recorded.put(id, reversed);
        } else {
            reversedStored.put(id, reversed);
        }
    }

    @Override
    public void flush() {
        tables.names().insert(names);
        tables.insertCommitments(commitments);
        tables.insertPayments(recorded.values());
        tables.markReversed(reversedStored.values());
    }
}
