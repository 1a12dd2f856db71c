package cn.tj.specialfund.support.web;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.stream.Collectors;

/** Maps every refusal to problem+json; a rule violation keeps its own code, however deep it was thrown. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(RuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        return Problems.response(Problems.of(violation.code(), violation.getMessage(), violation.field()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        RuleViolation violation = findViolation(e);
        if (violation != null) {
            return ruleViolation(violation);
        }
        MismatchedInputException mismatched = findCause(e, MismatchedInputException.class);
        return Problems.response(Problems.of(ErrorCode.INVALID_FIELD, describe(e),
                mismatched == null ? null : pointer(mismatched)));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            IllegalArgumentException.class})
    public ResponseEntity<ProblemDetail> badParameter(Exception e) {
        RuleViolation violation = findViolation(e);
        String parameter = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : e instanceof MissingServletRequestParameterException missing ? missing.getParameterName() : null;
        if (violation != null) {
            // a parameter's own parser (EdgeConfiguration) does not know the parameter's name
            return parameter == null || violation.field() != null ? ruleViolation(violation)
                    : Problems.response(Problems.of(violation.code(), "参数 " + parameter + " " + violation.getMessage(),
                    parameter));
        }
        return Problems.response(Problems.of(ErrorCode.INVALID_FIELD,
                parameter == null ? e.getMessage() : "参数 " + parameter + " 的值无效或缺失", parameter));
    }

    @ExceptionHandler({AggregateNotFoundException.class, NoResourceFoundException.class})
    public ResponseEntity<ProblemDetail> notFound(Exception e) {
        return Problems.response(Problems.of(ErrorCode.NOT_FOUND, "no such resource"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return Problems.response(Problems.of(ErrorCode.FORBIDDEN, "your role may not do this"));
    }

    /** Two writers changed the same application at once: the loser retries against the new state. */
    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return Problems.response(Problems.of(ErrorCode.INVALID_STATE, "the application was changed concurrently; retry"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return Problems.response(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        RuleViolation violation = findViolation(e);
        if (violation != null) {
            return ruleViolation(violation);
        }
        ConcurrencyException concurrency = findCause(e, ConcurrencyException.class);
        if (concurrency != null) {
            return concurrentChange(concurrency);
        }
        log.error("Unexpected failure", e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "unexpected failure"));
    }

    public static RuleViolation findViolation(Throwable e) {
        return findCause(e, RuleViolation.class);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "invalid value " + invalid.getValue() + " for " + path(invalid);
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return "wrong type for " + path(mismatched);
        }
        return "malformed JSON body";
    }

    /** The JSON pointer (RFC 6901) of the value Jackson could not read, e.g. {@code /funding/0/year}. */
    private static String pointer(MismatchedInputException e) {
        StringBuilder pointer = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/').append(ref.getFieldName() != null
                    ? ref.getFieldName().replace("~", "~0").replace("/", "~1") : String.valueOf(ref.getIndex()));
        }
        return pointer.isEmpty() ? null : pointer.toString();
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
