package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.FundingSource;
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

    /** {@code paid} and {@code outstanding} are those of the payment's source, after it. */
    record DisbursementResponse(UUID disbursementId, FundingSource source, Money amount, boolean reversed, Money paid,
                                Money outstanding) {
        static DisbursementResponse of(DisbursementRecorded recorded) {
            return new DisbursementResponse(recorded.disbursementId(), recorded.source(), recorded.amount(), false,
                    recorded.paid(), recorded.outstanding());
        }

        static DisbursementResponse of(DisbursementReversed reversed) {
            return new DisbursementResponse(reversed.disbursementId(), reversed.source(), reversed.amount(), true,
                    reversed.paid(), reversed.outstanding());
        }
    }
}
