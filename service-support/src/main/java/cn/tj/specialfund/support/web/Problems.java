package cn.tj.specialfund.support.web;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/** The one shape of every error: application/problem+json with a stable {@code code} member. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /**
     * A refusal (4xx) is an answer, not an incident: one line with its code, the request and the detail, never a
     * stack trace. The line is always in English, whatever language the client asked for, so that operators read
     * one language in the logs. Unexpected failures (5xx) are logged where they are caught, with theirs.
     */
    private static void logRefusal(HttpServletRequest request, HttpStatus status, String code, Detail detail,
                                   String field) {
        if (status.is5xxServerError() || !log.isInfoEnabled()) {
            return;
        }
        log.info("Refused {} {} {}{}: {}", request == null ? "-" : request.getMethod() + " " + request.getRequestURI(),
                status.value(), code, field == null ? "" : " " + field, detail.en());
    }

    /** The problem in the request's language (see {@link AcceptLanguage}). */
    public static ProblemDetail of(HttpServletRequest request, HttpStatus status, String code, Detail detail,
                                   String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail.in(AcceptLanguage.of(request)));
        problem.setType(URI.create("urn:special-fund:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ErrorCode code, Detail detail) {
        return response(code, detail, null);
    }

    /** @param field the refused input (a JSON pointer into the body, or a query parameter's name), or null */
    public static ResponseEntity<ProblemDetail> response(ErrorCode code, Detail detail, String field) {
        return response(HttpStatus.valueOf(code.httpStatus()), code.name(), detail, field);
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String code, Detail detail) {
        return response(status, code, detail, null);
    }

    private static ResponseEntity<ProblemDetail> response(HttpStatus status, String code, Detail detail, String field) {
        HttpServletRequest request = currentRequest();
        logRefusal(request, status, code, detail, field);
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(of(request, status, code, detail, field));
    }

    /** For filters that answer before Spring MVC is reached (authentication, authorisation, body size). */
    public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper mapper,
                             ErrorCode code, Detail detail) throws IOException {
        HttpStatus status = HttpStatus.valueOf(code.httpStatus());
        logRefusal(request, status, code.name(), detail, null);
        response.setStatus(status.value());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), of(request, status, code.name(), detail, null));
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
