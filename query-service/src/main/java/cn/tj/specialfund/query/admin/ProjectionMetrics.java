package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.query.projection.DeadLetters;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import cn.tj.specialfund.query.projection.TokenPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Gauges on /actuator/prometheus: how many events each processing group is behind the head of the log
 * (from the tokens every replica commits, so any replica reports the whole group), its dead letters
 * ({@code ledger_dead_letters{processing_group=...}}), the rebuild's progress,
 * and the funds committed so far. Read from the database at most once a second, however often scraped.
 */
@Component
class ProjectionMetrics {

    private static final Logger log = LoggerFactory.getLogger(ProjectionMetrics.class);
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final TokenPositions tokens;
    private final JdbcTemplate jdbc;
    private final DeadLetters deadLetters;
    private final List<String> groups;
    private volatile Snapshot snapshot;

    private record Snapshot(long takenAt, long head, Map<String, Long> positions, BigDecimal total,
                            BigDecimal municipal, BigDecimal district, Map<String, Long> deadLetters) {
    }

    ProjectionMetrics(MeterRegistry registry, TokenPositions tokens, JdbcTemplate jdbc, ProjectionRebuild rebuild,
                      List<RebuildableReadModel> readModels, DeadLetters deadLetters) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.groups = readModels.stream().map(RebuildableReadModel::processingGroup).toList();
        for (String group : groups) {
            Gauge.builder("ledger.dead.letters", this, m -> m.deadLetters(group))
                    .description("events the read model could not apply, parked with their applications' later events")
                    .tag("processing_group", group)
                    .register(registry);
            Gauge.builder("ledger.projection.lag", this, m -> m.lag(group))
                    .description("events the processing group is behind the head of the event log")
                    .baseUnit("events")
                    .tag("processingGroup", group)
                    .register(registry);
        }
        Gauge.builder("ledger.projection.rebuild.progress", rebuild, ProjectionRebuild::progress)
                .description("fraction of the event log folded by the running rebuild (1 when idle)")
                .register(registry);
        Gauge.builder("ledger.projection.rebuild.processed", rebuild, r -> r.status().processedEvents())
                .description("events folded by the running or last rebuild")
                .baseUnit("events")
                .register(registry);
        Gauge.builder("ledger.funds.committed", this, m -> m.funds("total"))
                .description("support committed by awards and top-ups, CNY").baseUnit("yuan")
                .tag("share", "total").register(registry);
        Gauge.builder("ledger.funds.committed", this, m -> m.funds("municipal"))
                .description("support committed by awards and top-ups, CNY").baseUnit("yuan")
                .tag("share", "municipal").register(registry);
        Gauge.builder("ledger.funds.committed", this, m -> m.funds("district"))
                .description("support committed by awards and top-ups, CNY").baseUnit("yuan")
                .tag("share", "district").register(registry);
    }

    private double lag(String group) {
        Snapshot s = current();
        if (s == null) {
            return Double.NaN;
        }
        Long position = s.positions().get(group);
        return Math.max(0, s.head() - (position == null ? -1 : position));
    }

    private double deadLetters(String group) {
        Snapshot s = current();
        return s == null ? Double.NaN : s.deadLetters().getOrDefault(group, 0L);
    }

    private double funds(String share) {
        Snapshot s = current();
        if (s == null) {
            return Double.NaN;
        }
        return switch (share) {
            case "municipal" -> s.municipal().doubleValue();
            case "district" -> s.district().doubleValue();
            default -> s.total().doubleValue();
        };
    }

    private synchronized Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.takenAt() < REFRESH_NANOS) {
            return s;
        }
        try {
            Map<String, Object> sums = jdbc.queryForMap("SELECT COALESCE(SUM(amount), 0) AS total, "
                    + "COALESCE(SUM(municipal_share), 0) AS municipal, COALESCE(SUM(district_share), 0) AS district "
                    + "FROM commitment_entry");
            s = new Snapshot(System.nanoTime(), tokens.head(), tokens.slowestPositions(), decimal(sums.get("total")),
                    decimal(sums.get("municipal")), decimal(sums.get("district")), deadLetters.counts(groups));
            snapshot = s;
            return s;
        } catch (RuntimeException e) {
            log.debug("projection metrics unavailable", e);
            return snapshot;
        }
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(value));
    }
}
