package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.UUID;

/** A payment (拨付) of one share of an award or top-up, by the city or by the district, with its voucher. */
public record RecordDisbursement(@TargetAggregateIdentifier UUID applicationId, UUID disbursementId,
                                 FundingSource source, Money amount, LocalDate paidOn, String voucher) {
    public RecordDisbursement {
        if (source == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("资金来源（source）为必填项（MUNICIPAL 市级或 DISTRICT 区级）",
                    "source is required (MUNICIPAL or DISTRICT)"));
        }
        if (amount == null || amount.isZero()) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("拨付金额须大于 0",
                    "amount must be more than 0"));
        }
        if (paidOn == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("拨付日期（paidOn）为必填项",
                    "paidOn is required"));
        }
        if (voucher == null || voucher.isBlank()) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("拨付凭证号（voucher）为必填项",
                    "voucher is required"));
        }
    }
}
