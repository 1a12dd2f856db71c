package cn.tj.specialfund.query.admin;

import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.query.web.Access;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilding the read models from the log (ADMIN). */
@RestController
@RequestMapping("/api/admin/projections")
class AdminController {

    private final ProjectionRebuild rebuild;

    AdminController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** 202: the rebuild runs in the background; the status endpoint follows it. */
    @PostMapping("/rebuild")
    ResponseEntity<ProjectionRebuild.Status> rebuild() {
        Access.requireRole(Role.ADMIN);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.start());
    }

    @GetMapping("/status")
    ProjectionRebuild.Status status() {
        Access.requireRole(Role.ADMIN);
        return rebuild.status();
    }
}
