package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.rules.InputLimits.Text;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;

import java.time.LocalDate;

/** Body of {@code POST /api/applications/{id}/disbursements}: which share was paid, how much, when, on which voucher. */
record DisbursementRequest(FundingSource source, Money amount, LocalDate paidOn, String voucher) {
    DisbursementRequest {
        Text.VOUCHER.check("/voucher", voucher);
    }
}
