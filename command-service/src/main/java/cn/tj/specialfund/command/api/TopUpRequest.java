package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.value.MiitPilot;

/** Body of {@code POST /api/applications/{id}/top-up}: the later MIIT selection and the review it rests on. */
record TopUpRequest(MiitPilot miitPilot, String reviewReference) {
}
