package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.verifier.Checkpoint;
import cn.tj.specialfund.verifier.LogAudit;
import cn.tj.specialfund.verifier.NoteException;
import cn.tj.specialfund.verifier.Problem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /api/audit/verify} and its schedule: the event table as it is now, recomputed with the verifier
 * library's {@link LogAudit} (the same code the offline verifier runs on an export) against the stored tree, the
 * event keys and the newest checkpoint this service signed, which the stored tree must still extend. Gauges:
 * {@code ledger_audit_verified} (1, 0 after a failed check, -1 before the first), {@code ledger_audit_problems},
 * {@code ledger_audit_checked_tree_size}, {@code ledger_audit_tree_size} and {@code ledger_audit_tree_lag_events}.
 */
@Service
public class LogSelfCheck {

    private static final Logger log = LoggerFactory.getLogger(LogSelfCheck.class);

    public record Result(boolean verified, long treeSize, Instant checkedAt, List<Problem> problems) {
    }

    private final TransparencyLog transparencyLog;
    private final AuditKeyring keys;
    private final AtomicReference<Result> last = new AtomicReference<>();

    LogSelfCheck(TransparencyLog transparencyLog, AuditKeyring keys, MeterRegistry meters) {
        this.transparencyLog = transparencyLog;
        this.keys = keys;
        Gauge.builder("ledger_audit_verified", last, r -> r.get() == null ? -1 : r.get().verified() ? 1 : 0)
                .description("1 if the last self-check found the event log as the tree and the signatures say, "
                        + "0 if not, -1 before the first").register(meters);
        Gauge.builder("ledger_audit_problems", last, r -> r.get() == null ? 0 : r.get().problems().size())
                .description("problems the last self-check of the event log found").register(meters);
        Gauge.builder("ledger_audit_checked_tree_size", last, r -> r.get() == null ? 0 : r.get().treeSize())
                .description("leaves the last self-check covered").register(meters);
        Gauge.builder("ledger_audit_tree_size", transparencyLog, TransparencyLog::treeSize)
                .description("leaves of the tree of every event").register(meters);
        Gauge.builder("ledger_audit_tree_lag_events", transparencyLog, TransparencyLog::lag)
                .description("positions of the log the tree builder has not taken in yet").register(meters);
    }

    public Result verify() {
        long size = transparencyLog.treeSize();
        Checkpoint current = new Checkpoint(size, transparencyLog.root(size));
        List<Problem> problems = new ArrayList<>();
        Checkpoint older = null;
        TransparencyLog.SignedCheckpoint kept = transparencyLog.latestCheckpoint();
        try {
            Checkpoint signed = Checkpoint.open(kept.note(), keys.checkpointVerifier());
            older = signed.size() <= size ? signed : null;
        } catch (NoteException e) {
            problems.add(new Problem(Problem.Kind.BAD_CHECKPOINT, null, null, null, null, null,
                    "the kept checkpoint of size " + kept.treeSize() + " does not verify: " + e.getMessage()));
        }
        LogAudit.Result audit = LogAudit.audit(transparencyLog.auditEntries(size), current, keys.eventKeys(), older);
        audit.problems().stream().map(this::named).forEach(problems::add);
        Result result = new Result(problems.isEmpty(), size, Instant.now(), List.copyOf(problems));
        last.set(result);
        if (!result.verified()) {
            log.error("The event log does not match its tree and signatures: {} problems, the first {}",
                    problems.size(), problems.get(0).describe());
        }
        return result;
    }

    /** A problem at a leaf whose row is gone names the event the tree builder recorded for that leaf. */
    private Problem named(Problem problem) {
        if (problem.eventId() != null || problem.leafIndex() == null) {
            return problem;
        }
        return transparencyLog.leafAt(problem.leafIndex())
                .map(leaf -> new Problem(problem.kind(), problem.leafIndex(),
                        problem.position() != null ? problem.position() : Long.valueOf(leaf.position()), leaf.eventId(),
                        leaf.aggregateId(), leaf.sequence(), problem.detail()))
                .orElse(problem);
    }

    public Result lastResult() {
        return last.get();
    }
}
