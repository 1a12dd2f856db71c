package cn.tj.specialfund.support.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Axon's metric registry with the same monitors per event processor (message counts and timers, the latency
 * gauge, the capacity gauge), except that capacity is measured over {@code capacityWindow} instead of ten
 * minutes. The capacity monitor keeps every message's processing time for its whole window: ten minutes of a
 * processor catching up at thousands of events/s were millions of entries, most of the query side's heap.
 */
public class ProcessorMetricRegistry extends GlobalMetricRegistry {

    private final MeterRegistry registry;
    private final Duration capacityWindow;

    public ProcessorMetricRegistry(MeterRegistry registry, Duration capacityWindow) {
        super(registry);
        this.registry = registry;
        this.capacityWindow = capacityWindow;
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName) {
        return registerEventProcessor(eventProcessorName, message -> Tags.empty(), message -> Tags.empty());
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String eventProcessorName, Function<Message<?>, Iterable<Tag>> tagsBuilder,
            Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, registry, tagsBuilder),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(eventProcessorName).meterRegistry(registry)
                        .tagsBuilder(latencyTagsBuilder).build(),
                CapacityMonitor.buildMonitor(eventProcessorName, registry, capacityWindow.toMillis(),
                        TimeUnit.MILLISECONDS, tagsBuilder),
                MessageCountingMonitor.buildMonitor(eventProcessorName, registry, tagsBuilder)));
    }
}
