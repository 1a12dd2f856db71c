package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.value.Tier;

/** Body of {@code POST /api/applications/{id}/award}. */
record AwardRequest(Tier tier) {
}
