package cn.tj.specialfund.coreapi.rules;

/**
 * A command refused for a stated reason; nothing is appended. The API answers it as problem+json with
 * {@link #code()} and, for an input that breaks a limit, the {@link #field()} it names.
 */
public class RuleViolation extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public RuleViolation(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    /** @param field what was refused: a JSON pointer into the body ({@code /applicant/name}) or a query parameter's name */
    public RuleViolation(ErrorCode code, String detail, String field) {
        super(detail);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    public int httpStatus() {
        return code.httpStatus();
    }

    /** The refused input, or null when the refusal is not about one field. */
    public String field() {
        return field;
    }
}
