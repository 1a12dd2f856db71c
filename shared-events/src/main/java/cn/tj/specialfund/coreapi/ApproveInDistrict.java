package cn.tj.specialfund.coreapi;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record ApproveInDistrict(@TargetAggregateIdentifier UUID applicationId, boolean matchingCommitted, String comment) {
}
