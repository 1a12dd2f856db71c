package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.util.UUID;

public record ScoreApplication(@TargetAggregateIdentifier UUID applicationId, BigDecimal score, String reviewer) {
    public ScoreApplication {
        if (score == null || score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("评审得分须在 0 到 100 分之间",
                    "score must be between 0 and 100"));
        }
        if (score.stripTrailingZeros().scale() > 2) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("评审得分最多保留两位小数",
                    "score has more than 2 decimals"));
        }
    }
}
