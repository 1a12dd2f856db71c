package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.query.projection.DeadLetterRetry;
import cn.tj.specialfund.query.projection.DeadLetters;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import cn.tj.specialfund.query.web.Access;
import cn.tj.specialfund.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rebuilding the read models from the log, their status and their dead letters (ADMIN); verifying them. */
@RestController
@RequestMapping("/api/admin/projections")
class AdminController {

    /** The rebuild's status, and the dead letters each read model (processing group) holds. */
    record StatusView(ProjectionRebuild.State state, long processedEvents, long totalEvents, Instant startedAt,
                      Instant finishedAt, Map<String, Long> deadLetters) {
    }

    /** What a retry applied, and the dead letters left (those that still fail). */
    record RetryView(int applied, Map<String, Long> deadLetters) {
    }

    private final ProjectionRebuild rebuild;
    private final ProjectionVerification verification;
    private final DeadLetters deadLetters;
    private final DeadLetterRetry retry;
    private final List<String> groups;

    AdminController(ProjectionRebuild rebuild, ProjectionVerification verification, DeadLetters deadLetters,
                    DeadLetterRetry retry, List<RebuildableReadModel> readModels) {
        this.rebuild = rebuild;
        this.verification = verification;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.groups = readModels.stream().map(RebuildableReadModel::processingGroup).toList();
    }

    /** 202: the rebuild runs in the background; the status endpoint follows it. */
    @PostMapping("/rebuild")
    ResponseEntity<StatusView> rebuild() {
        Access.requireRole(Role.ADMIN);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(rebuild.start()));
    }

    @GetMapping("/status")
    StatusView status() {
        Access.requireRole(Role.ADMIN);
        return view(rebuild.status());
    }

    /** 202: every dead letter is applied again, once; those that still fail stay parked. */
    @PostMapping("/dead-letters/retry")
    ResponseEntity<RetryView> retryDeadLetters() {
        Access.requireRole(Role.ADMIN);
        int applied = retry.retryAll();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RetryView(applied, deadLetters.counts(groups)));
    }

    /**
     * Every read model compared with an independent fold of the log (ADMIN, AUDITOR); 409 while a rebuild runs,
     * 503 if the live read models did not stand still at one position in time.
     */
    @GetMapping("/verify")
    ProjectionVerification.Result verify() {
        Access.requireRole(Role.ADMIN, Role.AUDITOR);
        return verification.verify();
    }

    @ExceptionHandler(ProjectionVerification.RebuildInProgress.class)
    ResponseEntity<ProblemDetail> rebuildInProgress() {
        return Problems.response(HttpStatus.CONFLICT, "REBUILD_IN_PROGRESS", new Detail("读模型正在重建，重建完成后再校验",
                "the read models are being rebuilt; verify once the rebuild has finished"));
    }

    @ExceptionHandler(ProjectionVerification.NotSettled.class)
    ResponseEntity<ProblemDetail> notSettled() {
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "VERIFICATION_NOT_SETTLED",
                new Detail("读模型未能在限定时间内追上事件日志，请稍后再校验",
                        "the read models did not catch up with the event log in time; verify again later"));
    }

    private StatusView view(ProjectionRebuild.Status s) {
        return new StatusView(s.state(), s.processedEvents(), s.totalEvents(), s.startedAt(), s.finishedAt(),
                deadLetters.counts(groups));
    }
}
