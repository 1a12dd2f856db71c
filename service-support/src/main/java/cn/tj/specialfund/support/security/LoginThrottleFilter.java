package cn.tj.specialfund.support.security;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.support.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Answers 429 {@code TOO_MANY_ATTEMPTS} before any password is looked at (429 comes before 401 in the
 * contract's order) when the request's user name and client address are throttled. The client address is
 * the request's remote address, which Tomcat's RemoteIpValve sets from {@code X-Forwarded-For} only when the
 * connection comes from the trusted proxy ({@code server.tomcat.remoteip.internal-proxies}).
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final String BASIC = "Basic ";

    private final LoginThrottle throttle;
    private final ObjectMapper mapper;
    private final Counter refused;

    LoginThrottleFilter(LoginThrottle throttle, ObjectMapper mapper, Counter refused) {
        this.throttle = throttle;
        this.mapper = mapper;
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = basicUsername(request.getHeader(HttpHeaders.AUTHORIZATION));
        Optional<Duration> wait = username == null ? Optional.empty()
                : throttle.blockedFor(username, request.getRemoteAddr());
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        refused.increment();
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problems.write(request, response, mapper, ErrorCode.TOO_MANY_ATTEMPTS,
                new Detail("登录失败次数过多，请在 " + seconds + " 秒后重试",
                        "too many failed logins; try again in " + seconds + " seconds"));
    }

    /** The user name of a Basic authorisation header, or null when there is none or it is malformed. */
    static String basicUsername(String header) {
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
