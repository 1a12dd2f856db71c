package cn.tj.specialfund.support.web;

import cn.tj.specialfund.coreapi.rules.InputLimits;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Instant;
import java.util.Locale;

/**
 * What the edge refuses before a controller sees it (contract §7): a body over the limit, right after Spring
 * Security's chain (401 answers before 413), and an instant in a query parameter that is not ISO-8601 with an
 * offset and a year from 1970 to 9999 (400 naming the parameter, see {@link ProblemHandler}).
 */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration implements WebMvcConfigurer {

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(ObjectMapper mapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(mapper, InputLimits.MAX_BODY_BYTES));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Registered after Spring's own instant formatter, so it is the one query parameters are parsed with. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) {
                return InputLimits.instant(text);
            }

            @Override
            public String print(Instant instant, Locale locale) {
                return instant.toString();
            }
        });
    }
}
