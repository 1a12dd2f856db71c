package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.rules.InputLimits.Text;

/** Body of {@code POST /api/applications/{id}/reject}. */
record RejectRequest(String reason) {
    RejectRequest {
        Text.REASON.check("/reason", reason);
    }
}
