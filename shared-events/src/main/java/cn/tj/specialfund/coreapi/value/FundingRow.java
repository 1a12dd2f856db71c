package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

/** One year of the 资金来源预算: total investment, of which self-raised and special funds requested. */
public record FundingRow(int year, Money total, Money selfRaised, Money specialFunds) {
    public FundingRow {
        if (year < 1900 || year > 2100) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("资金来源年度 " + year + " 不是有效年份", "funding year " + year + " is not a plausible year"));
        }
        if (total == null || selfRaised == null || specialFunds == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("资金来源每行须填写合计（total）、自筹资金（selfRaised）和专项资金（specialFunds）",
                    "funding rows need total, selfRaised and specialFunds"));
        }
    }
}
