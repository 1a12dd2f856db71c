package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.MiitPilot;
import cn.tj.specialfund.coreapi.value.Money;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** The shares are those of the top-up alone; {@code totalSupport} is award plus top-up. */
@Revision("1")
public record AwardToppedUp(UUID applicationId, Direction direction, District district, MiitPilot miitPilot,
                            String reviewReference, Money topUpAmount, Money municipalShare, Money districtShare,
                            Money totalSupport) {
}
