package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A recorded payment was taken back; its amount counts as outstanding again. {@code paid} and
 * {@code outstanding} are the source's figures right after the reversal.
 */
@Revision("1")
public record DisbursementReversed(UUID applicationId, UUID disbursementId, Direction direction, District district,
                                   FundingSource source, Money amount, String reason, Money paid, Money outstanding) {
}
