package cn.tj.specialfund.coreapi.rules;

/**
 * The stable {@code code} member of every problem response, with the HTTP status it maps to. Within a
 * status, declaration order is the order in which the rules are checked (contract §1 table order).
 */
public enum ErrorCode {
    TOO_MANY_ATTEMPTS(429),
    UNAUTHENTICATED(401),
    PAYLOAD_TOO_LARGE(413),
    INVALID_FIELD(400),
    INVALID_CREDIT_CODE(400),
    NOT_FOUND(404),
    FORBIDDEN(403),
    INVALID_STATE(409),
    DUPLICATE_APPLICANT(409),
    DIRECTION_CAP_REACHED(409),
    DUPLICATE_VOUCHER(409),
    NOT_MIIT_PILOT(422),
    INVESTMENT_BEFORE_CUTOFF(422),
    CONSTRUCTION_PERIOD_TOO_LONG(422),
    EXCLUDED_COST_FUNDED(422),
    MATCHING_NOT_COMMITTED(422),
    MISSING_MATERIAL(422),
    INDUSTRIAL_INTERNET_METRICS(422),
    BUDGET_INCONSISTENT(422),
    REQUEST_EXCEEDS_CEILING(422),
    NOTHING_TO_TOP_UP(422),
    DISBURSEMENT_EXCEEDS_COMMITMENT(422),
    INVALID_PAYMENT_DATE(422);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
