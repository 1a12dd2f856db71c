package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;

import java.util.UUID;

/** Response bodies of the command endpoints (contract §4). */
final class Responses {

    private Responses() {
    }

    record StatusResponse(UUID id, ApplicationStatus status) {
    }

    record AwardResponse(UUID id, ApplicationStatus status, Tier tier, Money amount, Money municipalShare,
                         Money districtShare) {
        static AwardResponse of(ApplicationAwarded awarded) {
            return new AwardResponse(awarded.applicationId(), ApplicationStatus.AWARDED, awarded.tier(),
                    awarded.amount(), awarded.municipalShare(), awarded.districtShare());
        }
    }

    record TopUpResponse(UUID id, ApplicationStatus status, Money topUpAmount, Money municipalShare,
                         Money districtShare, Money totalSupport) {
        static TopUpResponse of(AwardToppedUp toppedUp) {
            return new TopUpResponse(toppedUp.applicationId(), ApplicationStatus.TOPPED_UP, toppedUp.topUpAmount(),
                    toppedUp.municipalShare(), toppedUp.districtShare(), toppedUp.totalSupport());
        }
    }
}
