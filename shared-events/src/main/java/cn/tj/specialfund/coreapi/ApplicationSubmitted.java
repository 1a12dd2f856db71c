package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** The form as filed, with the figures the rules derived from it at submission. */
@Revision("1")
public record ApplicationSubmitted(UUID applicationId, ApplicationForm form, Money eligibleInvestment,
                                   Money requestedSpecialFunds, Tier claimableTier) {
}
