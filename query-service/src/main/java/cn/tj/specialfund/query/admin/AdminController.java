package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.query.projection.DeadLetterRetry;
import cn.tj.specialfund.query.projection.DeadLetters;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import cn.tj.specialfund.query.web.Access;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rebuilding the read models from the log, their status and their dead letters (ADMIN). */
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
    private final DeadLetters deadLetters;
    private final DeadLetterRetry retry;
    private final List<String> groups;

    AdminController(ProjectionRebuild rebuild, DeadLetters deadLetters, DeadLetterRetry retry,
                    List<RebuildableReadModel> readModels) {
        this.rebuild = rebuild;
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

    private StatusView view(ProjectionRebuild.Status s) {
        return new StatusView(s.state(), s.processedEvents(), s.totalEvents(), s.startedAt(), s.finishedAt(),
                deadLetters.counts(groups));
    }
}
