package cn.tj.specialfund.support.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors' meters are Axon's own, names and tags alike; only the capacity window differs. */
class ProcessorMetricRegistryTest {

    @Test
    void aProcessorGetsTheSameMetersAsWithAxonsRegistry() {
        assertThat(metersAfterOneEvent(new ProcessorMetricRegistry(new SimpleMeterRegistry(), Duration.ofSeconds(10))))
                .isNotEmpty()
                .isEqualTo(metersAfterOneEvent(new GlobalMetricRegistry(new SimpleMeterRegistry())));
    }

    @Test
    void withoutDimensionsToo() {
        assertThat(plainMetersAfterOneEvent(new ProcessorMetricRegistry(new SimpleMeterRegistry(), Duration.ofSeconds(10))))
                .isNotEmpty()
                .isEqualTo(plainMetersAfterOneEvent(new GlobalMetricRegistry(new SimpleMeterRegistry())));
    }

    private static Set<String> metersAfterOneEvent(GlobalMetricRegistry metrics) {
        Function<org.axonframework.messaging.Message<?>, Iterable<io.micrometer.core.instrument.Tag>> tags =
                message -> Tags.of("processorName", "dashboard-view", "payloadType", message.getPayloadType().getSimpleName());
        return record(metrics, metrics.registerEventProcessor("eventProcessor", tags, tags));
    }

    private static Set<String> plainMetersAfterOneEvent(GlobalMetricRegistry metrics) {
        return record(metrics, metrics.registerEventProcessor("dashboard-view"));
    }

    private static Set<String> record(GlobalMetricRegistry metrics, MessageMonitor<? super EventMessage<?>> monitor) {
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("event")).reportSuccess();
        MeterRegistry registry = metrics.getRegistry();
        Set<String> meters = new TreeSet<>();
        for (Meter meter : registry.getMeters()) {
            meters.add(meter.getId().getName() + meter.getId().getTags());
        }
        return meters;
    }
}
