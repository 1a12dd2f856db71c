package cn.tj.specialfund.coreapi.rules;

/**
 * A command refused for a stated reason; nothing is appended. The API answers it as problem+json with
 * {@link #code()}, the {@link #detail()} in the request's language and, for an input that breaks a limit, the
 * {@link #field()} it names. The exception's message is the English text (what logs and stack traces show).
 */
public class RuleViolation extends RuntimeException {

    private final ErrorCode code;
    private final Detail detail;
    private final String field;

    public RuleViolation(ErrorCode code, Detail detail) {
        this(code, detail, null);
    }

    /** @param field what was refused: a JSON pointer into the body ({@code /applicant/name}) or a query parameter's name */
    public RuleViolation(ErrorCode code, Detail detail, String field) {
        super(detail.en());
        this.code = code;
        this.detail = detail;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    public Detail detail() {
        return detail;
    }

    public int httpStatus() {
        return code.httpStatus();
    }

    /** The refused input, or null when the refusal is not about one field. */
    public String field() {
        return field;
    }
}
