package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.query.applicationstate.ApplicationState;
import cn.tj.specialfund.query.dashboard.DashboardController.Cap;
import cn.tj.specialfund.query.dashboard.DashboardController.Caps;
import cn.tj.specialfund.query.dashboard.DashboardController.Candidate;
import cn.tj.specialfund.query.dashboard.DashboardController.DirectionRow;
import cn.tj.specialfund.query.dashboard.DashboardController.DirectionTotals;
import cn.tj.specialfund.query.dashboard.DashboardController.DirectionsDashboard;
import cn.tj.specialfund.query.dashboard.DashboardController.DistrictRow;
import cn.tj.specialfund.query.dashboard.DashboardController.Districts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The dashboards' answers, built once per change of their read model instead of once per request: many people
 * poll the same three small answers. A snapshot holds the directions, the districts and the city-wide caps (with
 * the most candidates any {@code limit} asks for), each with a strong ETag over its view and content, so a
 * poller that sends {@code If-None-Match} gets 304 and no body; a district officer's view of the caps (their
 * district's candidates only, §5) is read on its first request and from then on with every new snapshot.
 * <p>
 * A request reads memory only. The projection asks for a new snapshot after each batch commit and after a
 * rebuild's swap; a follower reads the dashboard processor's tokens (one primary-key read of {@code token_entry})
 * every {@code ledger.dashboard.follow-interval} and asks for one when they moved since the snapshot was taken,
 * which is how the batches of another replica (whose processor may own a segment) and another replica's rebuild
 * are seen. Snapshots are built on one thread, at most one every {@code ledger.dashboard.min-refresh-gap} or four
 * times the last one's duration: under a stream of batches an answer is that much older than the newest commit at
 * most, and the database sees a bounded share of dashboard reads whatever the number of pollers and the log's size. The ETag depends on the content only, so every replica
 * gives the same answer the same ETag.
 */
@Component
class DashboardSnapshots implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DashboardSnapshots.class);

    private static final String TOKENS = "SELECT segment, token FROM token_entry WHERE processor_name = ? ORDER BY segment";
    /**
     * A capped direction's SCORED applications, best score first (earlier submission first on equal scores):
     * an ordered range of {@code ix_dashboard_application_cap_order} (a district's: of
     * {@code ix_dashboard_application_district_cap_order}), three columns per row and no entity
     * mapping, since the list grows with every refused award.
     */
    private static final String CANDIDATES = "SELECT id, project_name, district, score FROM dashboard_application "
            + "WHERE direction = ? AND status = ?";
    private static final String CANDIDATE_COUNT = "SELECT COUNT(*) FROM dashboard_application "
            + "WHERE direction = ? AND status = ?";
    private static final String OF_DISTRICT = " AND district = ?";
    private static final String BEST_FIRST = " ORDER BY score DESC, submitted_at, submission_position LIMIT ?";
    private static final int MOST_CANDIDATES = InputLimits.Range.LIMIT.max();
    private static final CacheControl REVALIDATE = CacheControl.noCache().cachePrivate();

    private final JdbcTemplate jdbc;
    private final DashboardTables counters;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;
    private final ProgramRules rules = ProgramRules.CALL_2020;
    private final Executor refresher;
    private final long minRefreshGapNanos;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final ScheduledExecutorService follower;
    private volatile Snapshot current;
    private volatile long lastRefreshStarted = System.nanoTime() - Duration.ofDays(1).toNanos();
    private volatile long lastRefreshNanos;

    @Autowired
    DashboardSnapshots(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                       @Value("${ledger.dashboard.follow-interval:100ms}") Duration followInterval,
                       @Value("${ledger.dashboard.min-refresh-gap:50ms}") Duration minRefreshGap) {
        this(jdbc, transactions, json, Executors.newSingleThreadExecutor(daemon("dashboard-snapshots")),
                minRefreshGap);
        follower.scheduleWithFixedDelay(this::followTokens, followInterval.toMillis(), followInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * {@code transactions} null: each read on its own (tests on a plain data source); the follower is not started
     * ({@link #followTokens} is called by the test).
     */
    DashboardSnapshots(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                       Executor refresher, Duration minRefreshGap) {
        this.jdbc = jdbc;
        this.counters = new DashboardTables(jdbc);
        this.json = json;
        this.refresher = refresher;
        this.minRefreshGapNanos = minRefreshGap.toNanos();
        this.follower = Executors.newSingleThreadScheduledExecutor(daemon("dashboard-follower"));
        if (transactions == null) {
            this.readOnly = null;
        } else {
            // one consistent state for every figure of a snapshot; a new transaction, also when asked from a
            // batch's after-commit callback (whose transaction is still bound to the thread)
            this.readOnly = new TransactionTemplate(transactions);
            readOnly.setReadOnly(true);
            readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
            readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One answer and its strong ETag. */
    record Answer<T>(T body, String etag) {

        /** 200 with the ETag, or 304 when the request's If-None-Match names it (Spring MVC compares). */
        ResponseEntity<T> response() {
            return ResponseEntity.ok().eTag(etag).cacheControl(REVALIDATE).body(body);
        }
    }

    ResponseEntity<DirectionsDashboard> directions() {
        return fresh().directions.response();
    }

    ResponseEntity<Districts> districts() {
        return fresh().districts.response();
    }

    /** City-wide ({@code own} empty) or one district officer's view, at most {@code limit} candidates a cap. */
    ResponseEntity<Caps> caps(Optional<District> own, int limit) {
        return fresh().caps(own, limit).response();
    }

    /**
     * Called by the projection once its batch has written: a new snapshot after the commit (none if the batch
     * rolls back), built on the refresher's thread so that the processor goes on with its next batch.
     */
    void replaceAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queueRefresh();
                }
            });
        } else {
            queueRefresh();
        }
    }

    /**
     * One refresh queued at a time: the batches that commit while one waits or runs are covered by the one after
     * it, which starts no earlier than the minimum gap after the last one started.
     */
    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            refresher.execute(() -> {
                long wait = lastRefreshStarted + gapNanos() - System.nanoTime();
                try {
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    refreshQueued.set(false);
                    refresh();
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // the follower sees the snapshot behind the tokens and asks again
                    log.warn("Dashboard snapshot not refreshed: {}", e.toString());
                }
            });
        }
    }

    /**
     * The least time from one snapshot's start to the next: the configured gap, or four times what the last one
     * took, whichever is longer, so that reading snapshots costs at most a fifth of a thread and of the
     * database's time however large the log (at 600 000 applications the cap candidates' counts take tens of
     * milliseconds, and batches commit without pause while the projections catch up).
     */
    private long gapNanos() {
        return Math.max(minRefreshGapNanos, 4 * lastRefreshNanos);
    }

    /** What the follower does: a new snapshot when the dashboard processor's tokens moved since the last one. */
    void followTokens() {
        try {
            if (!isCurrent()) {
                queueRefresh();
            }
        } catch (RuntimeException e) {
            log.debug("Dashboard tokens not read: {}", e.toString());
        }
    }

    /** Whether the snapshot was taken at the dashboard processor's tokens as they stand now. */
    boolean isCurrent() {
        Snapshot snapshot = current;
        return snapshot != null && Arrays.equals(snapshot.tokens, tokens());
    }

    /** The current snapshot; only the very first request waits for one to be read. */
    private Snapshot fresh() {
        Snapshot snapshot = current;
        return snapshot != null ? snapshot : firstSnapshot();
    }

    private synchronized Snapshot firstSnapshot() {
        return current != null ? current : refresh();
    }

    /**
     * Reads every figure of a new snapshot in one transaction and puts it in place, with the caps of every
     * district officer's view that the one before it had answered.
     */
    synchronized Snapshot refresh() {
        long started = System.nanoTime();
        lastRefreshStarted = started;
        Snapshot previous = current;
        Snapshot snapshot = read(() -> {
            byte[] tokens = tokens();
            Map<Direction, DirectionFigures> directions = counters.directions();
            Snapshot next = new Snapshot(tokens, directionsOf(directions), districtsOf(counters.districts()),
                    capsOf(directions, Optional.empty()));
            if (previous != null) {
                for (District district : previous.ofDistrict.keySet()) {
                    next.ofDistrict.put(district, capsOf(directions, Optional.of(district)));
                }
            }
            return next;
        });
        current = snapshot;
        lastRefreshNanos = System.nanoTime() - started;
        return snapshot;
    }

    private <T> T read(Supplier<T> reads) {
        return readOnly == null ? reads.get() : readOnly.execute(status -> reads.get());
    }

    /** The dashboard processor's tokens (every segment), as one value to compare. */
    private byte[] tokens() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        jdbc.query(TOKENS, rs -> {
            byte[] token = rs.getBytes(2);
            all.writeBytes((rs.getInt(1) + ":").getBytes(StandardCharsets.US_ASCII));
            if (token != null) {
                all.writeBytes(token);
            }
            all.write('\n');
        }, DashboardProjection.PROCESSING_GROUP);
        return all.toByteArray();
    }

    @Override
    public void destroy() {
        follower.shutdownNow();
        if (refresher instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    private final class Snapshot {
        final byte[] tokens;
        final Answer<DirectionsDashboard> directions;
        final Answer<Districts> districts;
        private final Caps cityWide;
        private final Map<District, Caps> ofDistrict = new ConcurrentHashMap<>();
        private final Map<String, Answer<Caps>> caps = new ConcurrentHashMap<>();

        Snapshot(byte[] tokens, DirectionsDashboard directions, Districts districts, Caps cityWide) {
            this.tokens = tokens;
            this.directions = answer("directions", directions);
            this.districts = answer("districts", districts);
            this.cityWide = cityWide;
        }

        /**
         * A district's candidates are read on the view's first request (in one transaction with the cap's
         * figures), then kept until the next snapshot; every limit is cut from the longest list.
         */
        Answer<Caps> caps(Optional<District> own, int limit) {
            String view = "caps/" + own.map(District::name).orElse("*") + "/" + limit;
            Answer<Caps> answer = caps.get(view);
            if (answer != null) {
                return answer;
            }
            Caps all = own.isEmpty() ? cityWide : ofDistrict.computeIfAbsent(own.get(),
                    district -> read(() -> capsOf(counters.directions(), own)));
            List<Cap> limited = new ArrayList<>();
            for (Cap cap : all.caps()) {
                limited.add(new Cap(cap.direction(), cap.name(), cap.cap(), cap.awarded(), cap.remaining(),
                        cap.candidateCount(), cap.candidates().subList(0, Math.min(limit, cap.candidates().size()))));
            }
            answer = answer(view, new Caps(limited));
            caps.putIfAbsent(view, answer);
            return answer;
        }
    }

    /** A strong ETag: a hash of the view's name and of the JSON it answers (a view's answers differ from another's). */
    private <T> Answer<T> answer(String view, T body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(view.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(body));
            return new Answer<>(body, "\"" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOf(sha.digest(), 18)) + "\"");
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private DirectionsDashboard directionsOf(Map<Direction, DirectionFigures> rows) {
        List<DirectionRow> result = new ArrayList<>();
        DirectionTotals totals = new DirectionTotals(0, 0, 0, 0, 0, 0, money(BigDecimal.ZERO), money(BigDecimal.ZERO),
                money(BigDecimal.ZERO));
        for (Direction d : Direction.values()) {
            DirectionFigures r = rows.getOrDefault(d, DirectionFigures.NONE);
            DirectionRow row = new DirectionRow(d.code(), d.displayName(), rules.capOf(d).orElse(null),
                    r.submitted(), r.districtApproved(), r.scored(), r.awarded(), r.notSelected(),
                    r.districtRejected(), money(r.awardedAmount()), money(r.topUpAmount()), money(r.totalSupport()));
            result.add(row);
            totals = new DirectionTotals(totals.submitted() + row.submitted(),
                    totals.districtApproved() + row.districtApproved(), totals.scored() + row.scored(),
                    totals.awarded() + row.awarded(), totals.notSelected() + row.notSelected(),
                    totals.districtRejected() + row.districtRejected(),
                    totals.awardedAmount().add(row.awardedAmount()), totals.topUpAmount().add(row.topUpAmount()),
                    totals.totalSupport().add(row.totalSupport()));
        }
        return new DirectionsDashboard(List.copyOf(result), totals);
    }

    /**
     * The cap's figures are city-wide; its candidates, and their count, a district officer's own district's
     * only ({@code own}); at most {@link #MOST_CANDIDATES} candidates per direction, {@code candidateCount}
     * counts them all.
     */
    private Caps capsOf(Map<Direction, DirectionFigures> rows, Optional<District> own) {
        List<Cap> caps = new ArrayList<>();
        RowMapper<Candidate> candidate = (rs, i) -> new Candidate(rs.getString(1), rs.getString(2),
                rs.getString(3), ApplicationState.plainScore(rs.getBigDecimal(4)));
        for (Direction d : Direction.values()) {
            Integer cap = rules.capOf(d).orElse(null);
            if (cap == null) {
                continue;
            }
            long awarded = rows.getOrDefault(d, DirectionFigures.NONE).awarded();
            List<Candidate> scored = own.isEmpty()
                    ? jdbc.query(CANDIDATES + BEST_FIRST, candidate, d.code(), ApplicationStatus.SCORED.name(),
                    MOST_CANDIDATES)
                    : jdbc.query(CANDIDATES + OF_DISTRICT + BEST_FIRST, candidate, d.code(),
                    ApplicationStatus.SCORED.name(), own.get().name(), MOST_CANDIDATES);
            Long count = own.isEmpty()
                    ? jdbc.queryForObject(CANDIDATE_COUNT, Long.class, d.code(), ApplicationStatus.SCORED.name())
                    : jdbc.queryForObject(CANDIDATE_COUNT + OF_DISTRICT, Long.class, d.code(),
                    ApplicationStatus.SCORED.name(), own.get().name());
            caps.add(new Cap(d.code(), d.displayName(), cap, awarded, Math.max(0, cap - awarded), count,
                    List.copyOf(scored)));
        }
        return new Caps(List.copyOf(caps));
    }

    private Districts districtsOf(Map<District, DistrictFigures> rows) {
        List<DistrictRow> result = new ArrayList<>();
        for (District d : District.values()) {
            DistrictFigures r = rows.getOrDefault(d, DistrictFigures.NONE);
            result.add(new DistrictRow(d.name(), d.displayName(), r.awardedProjects(), money(r.totalSupport()),
                    money(r.municipalShare()), money(r.matchingObligation()), money(r.pendingExposure())));
        }
        return new Districts(List.copyOf(result));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
