package cn.tj.specialfund.query.projection;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The query side's processing groups: pooled streaming processors over the event store (through
 * {@link AvailabilityNotifyingEventSource}, so an idle processor wakes as soon as an event arrives), with their tokens in
 * {@code token_entry}. A batch's read-model writes and its token commit in one transaction of the
 * JpaTransactionManager, whose connection the JDBC token store and the projections' JDBC writes share.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /**
     * The processors' view of the event store: its streams, plus the availability callback that wakes an idle
     * coordinator as soon as an event arrives instead of after Axon's fixed 500 ms re-poll.
     */
    @Bean(destroyMethod = "close")
    static AvailabilityNotifyingEventSource processorEventSource(EventStore eventStore) {
        return new AvailabilityNotifyingEventSource(eventStore);
    }

    @Autowired
    void processors(EventProcessingConfigurer processing, AvailabilityNotifyingEventSource eventSource,
                    @Value("${ledger.projections.batch-size:200}") int batchSize,
                    @Value("${ledger.projections.initial-segment-count:2}") int segments,
                    @Value("${ledger.projections.token-claim-interval:1s}") java.time.Duration claimInterval) {
        for (String group : ProcessingGroups.ALL) {
            processing.registerPooledStreamingEventProcessor(group, configuration -> eventSource,
                    (configuration, builder) -> builder
                            .initialSegmentCount(segments)
                            .batchSize(batchSize)
                            .tokenClaimInterval(claimInterval.toMillis()));
            // A failing handler must fail its batch (and roll it back with its token), never be skipped.
            processing.registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
            processing.registerErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
        }
    }

    /** Token and read-model writes commit together only if Axon's transactions are the JPA transactions. */
    @Bean
    SmartInitializingSingleton projectionTransactionsCheck(TransactionManager axonTransactions,
                                                           PlatformTransactionManager springTransactions) {
        return () -> {
            if (!(axonTransactions instanceof SpringTransactionManager)
                    || !(springTransactions instanceof JpaTransactionManager)) {
                throw new IllegalStateException("projections need Axon's SpringTransactionManager over the "
                        + "JpaTransactionManager, found " + axonTransactions + " over " + springTransactions);
            }
        };
    }
}
