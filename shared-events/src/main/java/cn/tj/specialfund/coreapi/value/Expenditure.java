package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

/** One line of the 资金支出预算: amount, of which special funds requested, and the basis of the estimate. */
public record Expenditure(ExpenditureCategory category, Money amount, Money specialFunds, String basis) {
    public Expenditure {
        if (category == null || amount == null || specialFunds == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("支出明细每行须填写支出类别（category）、金额（amount）和专项资金（specialFunds）",
                    "expenditures need category, amount and specialFunds"));
        }
    }
}
