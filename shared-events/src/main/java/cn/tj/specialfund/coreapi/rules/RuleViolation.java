package cn.tj.specialfund.coreapi.rules;

/** A command refused for a stated reason; nothing is appended. The API answers it as problem+json with {@link #code()}. */
public class RuleViolation extends RuntimeException {

    private final ErrorCode code;

    public RuleViolation(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public int httpStatus() {
        return code.httpStatus();
    }
}
