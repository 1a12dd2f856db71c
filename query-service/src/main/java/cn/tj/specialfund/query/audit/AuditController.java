package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.query.web.Access;
import cn.tj.specialfund.verifier.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Tamper evidence for auditors (CONTRACT §9): keys, the latest signed checkpoint, inclusion and consistency proofs
 * (any authenticated user but METRICS), the export and the self-check (AUDITOR, ADMIN). A size that is left out
 * is the latest checkpoint's, the tree an auditor holds a signature for.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final MediaType JSON_LINES = new MediaType("application", "x-ndjson", StandardCharsets.UTF_8);

    private final TransparencyLog transparencyLog;
    private final LogSelfCheck selfCheck;
    private final AuditKeyring keys;

    AuditController(TransparencyLog transparencyLog, LogSelfCheck selfCheck, AuditKeyring keys) {
        this.transparencyLog = transparencyLog;
        this.selfCheck = selfCheck;
        this.keys = keys;
    }

    record Keys(String checkpointKey, String eventKey) {
    }

    record Inclusion(long leafIndex, long treeSize, String leafHash, List<String> path) {
    }

    record Consistency(long from, long to, List<String> path) {
    }

    record VerifyProblem(String kind, Long leafIndex, Long position, String eventId, String aggregateId, Long sequence,
                         String detail) {
        static VerifyProblem of(Problem p) {
            return new VerifyProblem(p.kind().name(), p.leafIndex(), p.position(), p.eventId(), p.aggregateId(),
                    p.sequence(), p.detail());
        }
    }

    record Verification(boolean verified, long treeSize, Instant checkedAt, List<VerifyProblem> problems) {
    }

    @GetMapping("/key")
    Keys key() {
        return new Keys(keys.checkpointVerifier().verifierKey(), keys.currentEventKey());
    }

    @GetMapping("/checkpoint")
    ResponseEntity<String> checkpoint() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(transparencyLog.latestCheckpoint().note());
    }

    @GetMapping("/proof/inclusion")
    Inclusion inclusion(@RequestParam long leafIndex, @RequestParam(required = false) Long treeSize) {
        TransparencyLog.InclusionProof proof = transparencyLog.inclusionProof(leafIndex, sizeOrLatest(treeSize));
        return new Inclusion(proof.leafIndex(), proof.treeSize(), base64(proof.leafHash()), base64(proof.path()));
    }

    @GetMapping("/proof/consistency")
    Consistency consistency(@RequestParam long from, @RequestParam(required = false) Long to) {
        TransparencyLog.ConsistencyProof proof = transparencyLog.consistencyProof(from, sizeOrLatest(to));
        return new Consistency(proof.from(), proof.to(), base64(proof.path()));
    }

    /** Streams the lines straight from the tables to the client, a page of leaves at a time. */
    @GetMapping("/export")
    void export(@RequestParam(required = false) Long treeSize, HttpServletResponse response) throws IOException {
        Access.requireRole(Role.AUDITOR, Role.ADMIN);
        long size = sizeOrLatest(treeSize);
        transparencyLog.root(size); // refuses a size beyond the tree before the response starts
        response.setContentType(JSON_LINES.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ledger-export-" + size + ".jsonl\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                1 << 16);
        transparencyLog.export(size, out);
        out.flush();
    }

    @GetMapping("/verify")
    Verification verify() {
        Access.requireRole(Role.AUDITOR, Role.ADMIN);
        LogSelfCheck.Result result = selfCheck.verify();
        return new Verification(result.verified(), result.treeSize(), result.checkedAt(),
                result.problems().stream().map(VerifyProblem::of).toList());
    }

    private long sizeOrLatest(Long size) {
        return size != null ? size : transparencyLog.latestCheckpoint().treeSize();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(AuditController::base64).toList();
    }
}
