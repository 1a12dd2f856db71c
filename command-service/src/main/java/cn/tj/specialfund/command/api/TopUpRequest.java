package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.rules.InputLimits.Text;
import cn.tj.specialfund.coreapi.value.MiitPilot;

/** Body of {@code POST /api/applications/{id}/top-up}: the later MIIT selection and the review it rests on. */
record TopUpRequest(MiitPilot miitPilot, String reviewReference) {
    TopUpRequest {
        Text.REVIEW_REFERENCE.check("/reviewReference", reviewReference);
    }
}
