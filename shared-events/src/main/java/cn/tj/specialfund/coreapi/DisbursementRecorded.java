package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One share of an application's support was paid. {@code paid} and {@code outstanding} are that source's
 * figures right after this payment (committed share − paid), as the command side checked them.
 */
@Revision("1")
public record DisbursementRecorded(UUID applicationId, UUID disbursementId, Direction direction, District district,
                                   FundingSource source, Money amount, LocalDate paidOn, String voucher,
                                   Money paid, Money outstanding) {
}
