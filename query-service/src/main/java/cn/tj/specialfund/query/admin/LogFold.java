package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.query.projection.EventLogScan;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import cn.tj.specialfund.query.projection.RebuildParking;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import cn.tj.specialfund.query.projection.RebuildableReadModel.RebuildSettings;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fold of the whole log into every read model's shadow tables that a rebuild swaps in and a verification
 * compares: opened, folded without the projection lock, and emptied the same way for both.
 */
@Component
class LogFold {

    private static final Logger log = LoggerFactory.getLogger(LogFold.class);

    private final DataSource dataSource;
    private final EventSchema schema;
    private final Serializer eventSerializer;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int chunkSize;
    private final int cachedApplications;

    LogFold(DataSource dataSource, EventSchema schema, @Qualifier("eventSerializer") Serializer eventSerializer,
            ObjectProvider<org.axonframework.config.Configuration> axon, JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            @Value("${ledger.projections.rebuild.chunk-size:5000}") int chunkSize,
            @Value("${ledger.projections.rebuild.cached-applications:20000}") int cachedApplications) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("ledger.projections.rebuild.chunk-size must be at least 1");
        }
        this.dataSource = dataSource;
        this.schema = schema;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.chunkSize = chunkSize;
        this.cachedApplications = new RebuildSettings(cachedApplications).cachedApplications();
    }

    TransactionTemplate transaction() {
        return transaction;
    }

    /** Settings for one read model's fold: the configured cache, a parking of its own. */
    RebuildSettings settings() {
        return new RebuildSettings(cachedApplications, new RebuildParking());
    }

    /** Starts each read model's fold with its settings, its shadow tables emptied. */
    static List<ReadModelRebuild> open(List<RebuildableReadModel> readModels, List<RebuildSettings> settings) {
        List<ReadModelRebuild> folds = new ArrayList<>();
        for (int i = 0; i < readModels.size(); i++) {
            folds.add(readModels.get(i).startRebuild(settings.get(i)));
        }
        folds.forEach(ReadModelRebuild::clearShadow);
        return folds;
    }

    EventLogScan scan() {
        return new EventLogScan(schema, eventSerializer, axon.getObject().upcasterChain(), chunkSize);
    }

    /**
     * No lock: the bulk of the log (a thread per read model, {@link ParallelFold}), then what was appended
     * meanwhile, a chunk per transaction; counts the events folded in {@code processed}.
     */
    void foldWithoutLock(EventLogScan scan, List<ReadModelRebuild> folds, RebuildLease lease, AtomicLong processed) {
        new ParallelFold(transaction, lease, processed).run(scan, dataSource, folds);
        scan.catchUp(jdbc, chunk -> {
            lease.renew();
            transaction.executeWithoutResult(tx -> fold(chunk, folds, processed));
        });
    }

    /** Folds one chunk into every read model, in the caller's transaction. */
    static void fold(List<TrackedEventMessage<?>> chunk, List<ReadModelRebuild> folds, AtomicLong processed) {
        for (ReadModelRebuild fold : folds) {
            fold.apply(chunk);
        }
        processed.addAndGet(chunk.size());
    }

    /** Empties the shadow tables after a fold, whatever happened to it. */
    static void clear(List<ReadModelRebuild> folds) {
        for (ReadModelRebuild fold : folds) {
            try {
                fold.clearShadow();
            } catch (RuntimeException e) {
                log.warn("Could not empty a shadow table after folding the log; the next fold empties it", e);
            }
        }
    }
}
