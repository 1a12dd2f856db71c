package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.query.audit.ProofBundles;
import cn.tj.specialfund.query.web.Access;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * For auditors: one application's proof bundle (docs/tamper-evidence.md), which the offline verifier checks with
 * {@code bundle}. Who may read it is who may read the application's history.
 */
@RestController
class ProofBundleController {

    private final EventStore eventStore;
    private final ProofBundles bundles;

    ProofBundleController(EventStore eventStore, ProofBundles bundles) {
        this.eventStore = eventStore;
        this.bundles = bundles;
    }

    @GetMapping(value = "/api/applications/{id}/proof-bundle", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> bundle(@PathVariable UUID id) {
        DomainEventMessage<?> first = eventStore.readEvents(id.toString(), 0L).asStream().findFirst().orElse(null);
        if (first == null || !(first.getPayload() instanceof ApplicationSubmitted submitted)) {
            throw ApplicationController.unknownApplication(id);
        }
        Access.requireHistoryVisible(submitted.form().applicant().district());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("proof-bundle-" + id + ".json").build().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(bundles.of(id.toString()));
    }
}
