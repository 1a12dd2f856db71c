package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.rules.InputLimits.Text;

/** Body of {@code POST /api/applications/{id}/disbursements/{disbursementId}/reversal}. */
record ReversalRequest(String reason) {
    ReversalRequest {
        Text.REASON.check("/reason", reason);
    }
}
