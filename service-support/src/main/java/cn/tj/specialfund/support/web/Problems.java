package cn.tj.specialfund.support.web;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
     * stack trace. Unexpected failures (5xx) are logged where they are caught, with theirs.
     */
    private static void logRefusal(ProblemDetail problem) {
        if (problem.getStatus() >= 500 || !log.isInfoEnabled()) {
            return;
        }
        String request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getMethod() + " " + attributes.getRequest().getRequestURI() : "-";
        Object field = problem.getProperties() == null ? null : problem.getProperties().get("field");
        log.info("Refused {} {} {}{}: {}", request, problem.getStatus(), code(problem),
                field == null ? "" : " " + field, problem.getDetail());
    }

    private static Object code(ProblemDetail problem) {
        return problem.getProperties() == null ? null : problem.getProperties().get("code");
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(HttpStatus.valueOf(code.httpStatus()), code.name(), detail);
    }

    /** @param field the refused input (a JSON pointer into the body, or a query parameter's name), or null */
    public static ProblemDetail of(ErrorCode code, String detail, String field) {
        ProblemDetail problem = of(code, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:special-fund:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        logRefusal(problem);
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM_JSON).body(problem);
    }

    /** For filters that answer before Spring MVC is reached (authentication, authorisation). */
    public static void write(HttpServletResponse response, ObjectMapper mapper, ProblemDetail problem) throws IOException {
        logRefusal(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
