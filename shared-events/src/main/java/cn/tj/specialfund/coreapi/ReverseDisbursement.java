package cn.tj.specialfund.coreapi;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Takes back a recorded payment (a bank return, a wrong amount): a new fact, never an edit of the old one. */
public record ReverseDisbursement(@TargetAggregateIdentifier UUID applicationId, UUID disbursementId, String reason) {
}
