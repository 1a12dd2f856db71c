package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.query.projection.AvailabilityNotifyingEventSource;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * The tree builder's processor: pooled streaming over the same event source as the read models, one segment (one
 * owner among the replicas, events in delivery order), its token in {@code token_entry}. Any failure rolls the batch
 * back with its token and is retried; no event is ever skipped or parked.
 */
@Configuration(proxyBeanMethods = false)
class TreeBuilderConfiguration {

    @Autowired
    void treeBuilderProcessor(EventProcessingConfigurer processing, AvailabilityNotifyingEventSource eventSource,
                              TreeBuilder treeBuilder,
                              @Value("${ledger.audit.tree-batch-size:500}") int batchSize,
                              @Value("${ledger.projections.token-claim-interval:1s}") java.time.Duration claimInterval) {
        processing.registerPooledStreamingEventProcessor(TreeBuilder.PROCESSING_GROUP, configuration -> eventSource,
                (configuration, builder) -> builder
                        .initialSegmentCount(1)
                        .maxClaimedSegments(1)
                        .batchSize(batchSize)
                        .tokenClaimInterval(claimInterval.toMillis()));
        processing.registerHandlerInterceptor(TreeBuilder.PROCESSING_GROUP,
                configuration -> treeBuilder.unreadableEventsAreLeavesToo());
        processing.registerListenerInvocationErrorHandler(TreeBuilder.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
        processing.registerErrorHandler(TreeBuilder.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
