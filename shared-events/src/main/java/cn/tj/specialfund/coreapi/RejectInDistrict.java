package cn.tj.specialfund.coreapi;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RejectInDistrict(@TargetAggregateIdentifier UUID applicationId, String comment) {
}
