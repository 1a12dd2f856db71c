package cn.tj.specialfund.support.security;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.support.web.CorrelationIdFilter;
import cn.tj.specialfund.support.web.ProblemHandler;
import cn.tj.specialfund.support.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.time.Clock;
import java.time.Duration;
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

    @Bean
    public AuthenticationManager authenticationManager(UserDetailsService ledgerUsers,
                                                       @Value("${ledger.security.verified-password-ttl:5m}") Duration ttl) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(ledgerUsers);
        passwords.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return new ProviderManager(new CachingAuthenticationProvider(passwords, ttl, Clock.systemUTC()));
    }

    @Bean
    public SecurityFilterChain ledgerSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
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
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .addFilterBefore(new CorrelationIdFilter(), BasicAuthenticationFilter.class)
                .build();
    }
}
