package cn.tj.specialfund.command.api;

import java.math.BigDecimal;

/** Body of {@code POST /api/applications/{id}/score}: 0–100, at most two decimals. */
record ScoreRequest(BigDecimal score, String reviewer) {
}
