package cn.tj.specialfund.support.web;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.apache.catalina.connector.ClientAbortException;
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
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.stream.Collectors;

/** Maps every refusal to problem+json; a rule violation keeps its own code, however deep it was thrown. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** The one text of a 403, whether MVC or the security filter refuses. */
    public static final Detail FORBIDDEN = new Detail("当前角色无权执行此操作", "your role may not do this");

    /** The one text of a 401, whether the security filter or a handler finds no user. */
    public static final Detail UNAUTHENTICATED = new Detail("请先登录（需要身份认证）", "authentication required");

    @ExceptionHandler(RuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        return Problems.response(violation.code(), violation.detail(), violation.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        RuleViolation violation = findViolation(e);
        if (violation != null) {
            return ruleViolation(violation);
        }
        MismatchedInputException mismatched = findCause(e, MismatchedInputException.class);
        return Problems.response(ErrorCode.INVALID_FIELD, describe(e), mismatched == null ? null : pointer(mismatched));
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
                    : Problems.response(violation.code(), new Detail("参数 " + parameter + " " + violation.detail().zh(),
                    "parameter " + parameter + " " + violation.detail().en()), parameter);
        }
        return Problems.response(ErrorCode.INVALID_FIELD, parameter == null
                ? new Detail("请求参数无效：" + e.getMessage(), "invalid request: " + e.getMessage())
                : new Detail("参数 " + parameter + " 的值无效或缺失", "parameter " + parameter + " is invalid or missing"),
                parameter);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> unknownApplication(AggregateNotFoundException e) {
        return Problems.response(ErrorCode.NOT_FOUND, new Detail("申报项目 " + e.getAggregateIdentifier() + " 不存在",
                "no application " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
        return Problems.response(ErrorCode.NOT_FOUND, new Detail("请求的资源不存在", "no such resource"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return Problems.response(ErrorCode.FORBIDDEN, FORBIDDEN);
    }

    /** Two writers changed the same application at once: the loser retries against the new state. */
    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return Problems.response(ErrorCode.INVALID_STATE, new Detail("该申报项目刚被同时修改，请刷新后重试",
                "the application was changed concurrently; retry"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return Problems.response(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                new Detail("该地址不支持 " + e.getMethod() + " 请求" + supported(e.getSupportedHttpMethods()),
                        "method " + e.getMethod() + " is not supported here" + supportedEn(e.getSupportedHttpMethods())));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                new Detail("不支持的请求内容类型 " + e.getContentType() + "，请使用 application/json",
                        "content type " + e.getContentType() + " is not supported; send application/json"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.response(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                new Detail("无法按请求的 Accept 类型作答，可接受的类型：" + e.getSupportedMediaTypes(),
                        "no answer in the requested type; acceptable: " + e.getSupportedMediaTypes()));
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
        if (findCause(e, ClientAbortException.class) != null || findCause(e, AsyncRequestNotUsableException.class) != null) {
            // the client went away while its answer was written (a closed tab, a cancelled export): no one to
            // answer, and no failure of the ledger
            log.debug("Client gone: {}", e.toString());
            return null;
        }
        log.error("Unexpected failure", e);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                new Detail("系统内部错误，请稍后重试或联系管理员", "unexpected failure"));
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

    private static Detail describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new Detail("未知字段“" + unknown.getPropertyName() + "”",
                    "unknown field '" + unknown.getPropertyName() + "'");
        }
        if (cause instanceof InvalidFormatException invalid) {
            return new Detail(path(invalid) + " 的值 " + invalid.getValue() + " 无效",
                    "invalid value " + invalid.getValue() + " for " + path(invalid));
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return new Detail(path(mismatched) + " 的数据类型不正确", "wrong type for " + path(mismatched));
        }
        return new Detail("请求体不是有效的 JSON", "malformed JSON body");
    }

    private static String supported(java.util.Set<org.springframework.http.HttpMethod> methods) {
        return methods == null || methods.isEmpty() ? "" : "，支持的方法：" + methods;
    }

    private static String supportedEn(java.util.Set<org.springframework.http.HttpMethod> methods) {
        return methods == null || methods.isEmpty() ? "" : "; supported: " + methods;
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
