package cn.tj.specialfund.command.api;

/** Body of {@code POST /api/applications/{id}/reject}. */
record RejectRequest(String reason) {
}
