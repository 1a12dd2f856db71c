package cn.tj.specialfund.support.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Axon's message monitors on the services' Micrometer registry (and so on {@code /actuator/prometheus}). */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    public GlobalMetricRegistry globalMetricRegistry(
            MeterRegistry registry,
            @Value("${ledger.metrics.processor-capacity-window:10s}") Duration capacityWindow) {
        return new ProcessorMetricRegistry(registry, capacityWindow);
    }
}
