package cn.tj.specialfund.query.projection;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The query side's processing groups, one per read model (every {@link RebuildableReadModel} bean, named by its
 * {@code @ProcessingGroup}): pooled streaming processors over the event store (through
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

    /** The processing groups of the read models, from their bean definitions (without creating the beans). */
    static List<String> processingGroups(ListableBeanFactory beans) {
        List<String> groups = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(RebuildableReadModel.class, false, false)) {
            ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class);
            if (group == null) {
                throw new IllegalStateException("read model " + name + " has no @ProcessingGroup");
            }
            groups.add(group.value());
        }
        return groups;
    }

    @Autowired
    void processors(EventProcessingConfigurer processing, AvailabilityNotifyingEventSource eventSource,
                    ListableBeanFactory beans,
                    @Value("${ledger.projections.batch-size:200}") int batchSize,
                    @Value("${ledger.projections.initial-segment-count:2}") int segments,
                    @Value("${ledger.projections.token-claim-interval:1s}") java.time.Duration claimInterval) {
        for (String group : processingGroups(beans)) {
            processing.registerPooledStreamingEventProcessor(group, configuration -> eventSource,
                    (configuration, builder) -> builder
                            .initialSegmentCount(segments)
                            .batchSize(batchSize)
                            .tokenClaimInterval(claimInterval.toMillis()));
            // An event a read model cannot apply is parked by ProjectionBatches (GuardedBatch) as a dead letter;
            // anything else that fails (the lock, a stale batch, the token) must fail the batch and roll it back
            // with its token, never be skipped.
            processing.registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
            processing.registerErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
        }
    }

    /** The read models' dead-letter queues, in the transactions (and on the connections) of their batches. */
    @Bean
    static DeadLetters deadLetters(JdbcTemplate jdbc, DataSource dataSource, TransactionManager axonTransactions,
                                   @Qualifier("serializer") Serializer serializer,
                                   @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new DeadLetters(jdbc, new SpringDataSourceConnectionProvider(dataSource), axonTransactions, serializer,
                eventSerializer);
    }

    /** Each read model's processingGroup() must be the group Axon runs its handlers in. */
    @Bean
    SmartInitializingSingleton readModelGroupsCheck(List<RebuildableReadModel> readModels) {
        return () -> {
            Set<String> seen = new HashSet<>();
            for (RebuildableReadModel model : readModels) {
                ProcessingGroup group = AnnotationUtils.findAnnotation(AopUtils.getTargetClass(model), ProcessingGroup.class);
                if (group == null || !group.value().equals(model.processingGroup()) || !seen.add(model.processingGroup())) {
                    throw new IllegalStateException("read model " + model.getClass().getName()
                            + " needs a unique @ProcessingGroup equal to its processingGroup()");
                }
            }
        };
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
