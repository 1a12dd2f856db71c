package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.MiitPilot;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** A municipal award whose project was later selected as an MIIT pilot is brought up to the MIIT ceiling. */
public record TopUpAward(@TargetAggregateIdentifier UUID applicationId, MiitPilot miitPilot, String reviewReference) {
    public TopUpAward {
        if (miitPilot == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("工信部试点示范入选信息（miitPilot）为必填项",
                    "miitPilot is required"));
        }
    }
}
