package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.rules.InputLimits.Text;

import java.math.BigDecimal;

/** Body of {@code POST /api/applications/{id}/score}: 0–100, at most two decimals, and who scored. */
record ScoreRequest(BigDecimal score, String reviewer) {
    ScoreRequest {
        Text.REVIEWER.check("/reviewer", reviewer);
    }
}
