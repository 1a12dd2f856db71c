package cn.tj.specialfund.support.eventstore;

import cn.tj.specialfund.coreapi.HistoricalImport;
import cn.tj.specialfund.coreapi.value.Actor;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import cn.tj.specialfund.support.audit.EventSigner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event log on the JDBC storage engine, over the tables Flyway creates (snake_case, bytea payloads).
 * Declaring the event store ourselves lets the streaming processors poll every {@code ledger.event-store.fetch-delay}
 * instead of Axon's fixed second; declaring it switches Axon's storage auto-configuration off, so the engine
 * and the token store are declared here too.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    public static final String CORRELATION_ID = "correlationId";
    /** SQLState of a unique-constraint violation (SQL standard class 23, PostgreSQL and H2 alike). */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public LateCommits lateCommits() {
        return new LateCommits();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 @Value("${ledger.event-store.batch-size:500}") int batchSize,
                                                 @Value("${ledger.event-store.max-gap-offset:3000}") int maxGapOffset,
                                                 @Value("${ledger.event-store.gap-timeout:10s}") Duration gapTimeout,
                                                 @Value("${ledger.event-store.gap-cleaning-threshold:50}")
                                                 int gapCleaningThreshold,
                                                 ObjectProvider<EventSigner> eventSigner,
                                                 LateCommits lateCommits) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(duplicateKeyResolver())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                .batchSize(batchSize)
                // An aggregate's events are read by sequence-number range (>= first, < first + batchSize), so a
                // range that comes back short is the last one. Axon's JDBC engine reads on until a range is empty:
                // one more SELECT for every command, which loads an application of a few events.
                .finalAggregateBatchPredicate(batch -> batch.size() < batchSize)
                // Every tracked event carries its own copy of its token's gap set, and the store caches events
                // and the pooled processors buffer up to 1 024 per segment, so the gap set's bound multiplies
                // into the heap (Axon's 10 000 filled the 512 MB query side during a bulk load). A gap is an
                // index allocated by a transaction that has not committed yet; a command's transaction commits
                // within milliseconds, and 3 000 indexes is still several seconds of the highest write rate
                // measured (~700 events/s), so a late commit is still picked up.
                .maxGapOffset(maxGapOffset)
                // Once a token holds more than gap-cleaning-threshold gaps, gaps whose successors are older than
                // gap-timeout are given up (Axon's default is a minute); an event stays missing that long only
                // if its transaction rolled back.
                .gapTimeout(Math.toIntExact(gapTimeout.toMillis()))
                .gapCleaningThreshold(gapCleaningThreshold);
        EventStorageEngine engine = new LateCommitRecordingStorageEngine(builder, lateCommits,
                eventSchema.globalIndexColumn());
        // A process that writes events (the command side) declares its event key; every event it appends is signed.
        EventSigner signer = eventSigner.getIfAvailable();
        return signer == null ? engine : new SigningStorageEngine(engine, signer, eventSerializer);
    }

    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${ledger.event-store.fetch-delay:100ms}") Duration fetchDelay,
                                         @Value("${ledger.event-store.cached-events:1000}") int cachedEvents,
                                         @Value("${ledger.event-store.cleanup-delay:250ms}") Duration cleanupDelay) {
        return storeSettings(fetchDelay, cachedEvents, cleanupDelay)
                .storageEngine(new BoundedFetchStorageEngine(storageEngine, cachedEvents))
                .messageMonitor(configuration.messageMonitor(org.axonframework.eventsourcing.eventstore.EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(org.axonframework.eventhandling.EventBusSpanFactory.class))
                .build();
    }

    /**
     * Tells a duplicate (aggregate, sequence) row from any other failure, so that two replicas appending to one
     * application at once raise a ConcurrencyException (retried against the new state) instead of an
     * EventStoreException. Axon's JdbcSQLErrorCodesResolver matches vendor error codes, which PostgreSQL does
     * not use (it reports a unique violation as SQLState 23505 only), and takes H2's NOT NULL violations for
     * duplicates; SQLState 23505 means exactly a unique violation on PostgreSQL and H2 alike.
     */
    static PersistenceExceptionResolver duplicateKeyResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /** How often the store polls the log, and how much of it it may hold in memory. */
    static EmbeddedEventStore.Builder storeSettings(Duration fetchDelay, int cachedEvents, Duration cleanupDelay) {
        return EmbeddedEventStore.builder()
                .timeUnit(TimeUnit.MILLISECONDS)
                .fetchDelay(fetchDelay.toMillis())
                // Events the store keeps in memory for tailing consumers (Axon's default 10 000): the processors
                // at the head read from it; one further behind reads the log itself.
                .cachedEvents(cachedEvents)
                // A tailing consumer that stops reading (a processor busy with a full buffer) still points into
                // the cache, so every event fetched after its position stays reachable until the cleaner moves
                // it to a stream of its own. The producer reads as fast as the log grows, tens of thousands of
                // events/s in a bulk load: Axon's 10 s would be hundreds of thousands of events in the heap.
                .cleanupDelay(cleanupDelay.toMillis());
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                                 @Value("${ledger.token-store.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .contentType(byte[].class)
                .claimTimeout(claimTimeout)
                .build();
    }

    /**
     * Events carry the acting user, the role and (for a district officer) the district they acted in, and the
     * request's correlation id, copied from the command's metadata, and an imported event the calendar time it was
     * imported for. Role and district let an auditor read who acted in what capacity, even after user names change.
     */
    @Bean
    public CorrelationDataProvider actorAndCorrelationProvider() {
        return new SimpleCorrelationDataProvider(CORRELATION_ID, Actor.USERNAME, Actor.ROLE, Actor.DISTRICT,
                HistoricalImport.OCCURRED_AT);
    }
}
