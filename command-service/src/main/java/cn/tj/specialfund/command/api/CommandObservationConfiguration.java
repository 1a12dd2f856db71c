package cn.tj.specialfund.command.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes, by default, every filter of its chain (a before and an after observation per
 * filter, about fifteen per request), every authentication and every authorisation. For the command path
 * that is a large share of the per-request CPU and nobody reads those spans; the request itself is still
 * measured ({@code http.server.requests}) and so are the commands (Axon's timers per command type).
 */
@Configuration(proxyBeanMethods = false)
class CommandObservationConfiguration {

    @Bean
    SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
