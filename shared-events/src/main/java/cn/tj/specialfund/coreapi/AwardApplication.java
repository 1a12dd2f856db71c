package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.Tier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record AwardApplication(@TargetAggregateIdentifier UUID applicationId, Tier tier) {
    public AwardApplication {
        if (tier == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("支持类别（tier）为必填项",
                    "tier is required"));
        }
    }
}
