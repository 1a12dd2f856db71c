package cn.tj.specialfund.command.api;

/** Body of {@code POST /api/applications/{id}/disbursements/{disbursementId}/reversal}. */
record ReversalRequest(String reason) {
}
