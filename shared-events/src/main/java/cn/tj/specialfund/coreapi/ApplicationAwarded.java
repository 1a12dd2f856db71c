package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;
import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record ApplicationAwarded(UUID applicationId, Direction direction, District district, Tier tier,
                                 Money amount, Money municipalShare, Money districtShare) {
}
