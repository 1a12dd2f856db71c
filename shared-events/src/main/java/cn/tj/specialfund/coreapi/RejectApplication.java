package cn.tj.specialfund.coreapi;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** The manager does not select a scored application. */
public record RejectApplication(@TargetAggregateIdentifier UUID applicationId, String reason) {
}
