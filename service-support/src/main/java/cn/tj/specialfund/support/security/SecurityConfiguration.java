package cn.tj.specialfund.support.security;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.support.web.CorrelationIdFilter;
import cn.tj.specialfund.support.web.ProblemHandler;
import cn.tj.specialfund.support.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP Basic, stateless. Which role may do what is decided next to the data (404 before 403, as the
 * contract orders the checks), so the filter chain only insists on an authenticated user for the API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerUsersProperties.class)
public class SecurityConfiguration {

    /**
     * Spring Security observes, by default, every filter of its chain (a before and an after observation per
     * filter, about fifteen per request), every authentication and every authorisation: a large share of a
     * request's CPU, and nobody reads those spans. Requests are still measured ({@code http.server.requests}),
     * and so are commands and event processors (Axon's timers and gauges).
     */
    @Bean
    SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public UserDetailsService ledgerUsers(LedgerUsersProperties properties, Environment environment) {
        Map<String, LedgerUser> users = new LinkedHashMap<>();
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            DemoUsers.all().forEach(user -> users.put(user.username(), user));
        }
        for (LedgerUsersProperties.User user : properties.getUsers()) {
            users.put(user.getUsername(),
                    new LedgerUser(user.getUsername(), user.getPassword(), user.getRole(), user.getDistrict()));
        }
        return username -> {
            LedgerUser user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException(username);
            }
            return user;
        };
    }

    /** Failed-login counts per (user name, client address) and per address (contract §5). */
    @Bean
    @ConditionalOnMissingBean
    public LoginThrottle loginThrottle(JdbcTemplate jdbc) {
        return new LoginThrottle(LoginThrottle.Policy.CONTRACT, Clock.systemUTC(),
                new SharedLoginFailures(jdbc, Clock.systemUTC()));
    }

    @Bean
    public AuthenticationManager authenticationManager(UserDetailsService ledgerUsers, LoginThrottle throttle,
                                                       MeterRegistry meters,
                                                       @Value("${ledger.security.verified-password-ttl:5m}") Duration ttl,
                                                       @Value("${ledger.security.failed-login-answer-time:100ms}") Duration failedAnswerTime) {
        UniformPasswordCheck passwords = new UniformPasswordCheck(ledgerUsers,
                PasswordEncoderFactories.createDelegatingPasswordEncoder(), failedAnswerTime);
        ProviderManager manager = new ProviderManager(new CachingAuthenticationProvider(passwords, ttl, Clock.systemUTC()));
        Counter failures = Counter.builder("ledger.login.failures")
                .description("Logins refused for a wrong password or an unknown user name").register(meters);
        manager.setAuthenticationEventPublisher(new AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(Authentication authentication) {
            }

            @Override
            public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
                failures.increment();
                if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
                    throttle.recordFailure(authentication.getName(), details.getRemoteAddress());
                }
            }
        });
        return manager;
    }

    /**
     * The dashboard's Content-Security-Policy. Scripts only from the service itself (the page has no inline
     * script), no plug-ins, no framing, no foreign connections. Style elements and style sheets are limited to
     * 'self' too, but style attributes are allowed inline ('unsafe-inline' for style-src-attr only): ECharts'
     * HTML tooltips are markup written through innerHTML, whose default formatters colour each row's marker
     * with a {@code style="…"} attribute, and the directions table sets each bar's length as a style
     * attribute. (ECharts positions its tooltip through the CSSOM, which CSP does not restrict.) An inline
     * style attribute cannot run script or load anything beyond what img-src and font-src allow, and with
     * style-src-elem 'self' an injected {@code <style>} element, the vehicle of selector-based data
     * exfiltration, is still refused: the strictest policy under which the charts and tables work.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "style-src-elem 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Bean
    public SecurityFilterChain ledgerSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
                                              LoginThrottle throttle, MeterRegistry meters,
                                              ObjectMapper mapper) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            // Browsers would pop up their own login dialog for the dashboard's own requests.
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"special-fund-ledger\"");
            }
            Problems.write(request, response, mapper, ErrorCode.UNAUTHENTICATED, ProblemHandler.UNAUTHENTICATED);
        };
        AccessDeniedHandler denied = (request, response, e) ->
                Problems.write(request, response, mapper, ErrorCode.FORBIDDEN, ProblemHandler.FORBIDDEN);
        Counter throttled = Counter.builder("ledger.login.throttled")
                .description("Requests refused with 429 after too many failed logins").register(meters);
        String[] apiRoles = Arrays.stream(Role.values()).filter(role -> role != Role.METRICS).map(Role::name)
                .toArray(String[]::new);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the figures include committed funds
                        .requestMatchers("/actuator/prometheus").hasAnyRole(Role.METRICS.name(), Role.ADMIN.name())
                        .requestMatchers("/actuator/**").denyAll()
                        // the scrape account reads metrics and nothing else
                        .requestMatchers("/api/**").hasAnyRole(apiRoles)
                        // the API document and Swagger UI: for the API's users, Basic like the API
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .hasAnyRole(apiRoles)
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterBefore(new CorrelationIdFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle, mapper, throttled), BasicAuthenticationFilter.class)
                .build();
    }
}
