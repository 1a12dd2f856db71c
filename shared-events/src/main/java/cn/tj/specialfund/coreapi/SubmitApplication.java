package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.value.ApplicationForm;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record SubmitApplication(@TargetAggregateIdentifier UUID applicationId, ApplicationForm form) {
}
