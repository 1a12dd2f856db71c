package cn.tj.specialfund.command;

import cn.tj.specialfund.support.audit.AuditKeys;
import cn.tj.specialfund.support.audit.EventSigner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.dao.DuplicateKeyException;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The event key (CONTRACT §9): every event this service appends is signed with it (the storage engine does it,
 * see EventStoreConfiguration). All replicas share one key, from {@code ledger.audit.event-key} or
 * {@code ledger.audit.event-key-file}; without one, an ephemeral key for this process (demo). The verifier key is
 * announced in {@code audit_event_key}, which the query side trusts only when it has no event verifier key of its
 * own configured.
 */
@Configuration(proxyBeanMethods = false)
class EventSigningConfiguration {

    static final String EVENT_KEY_NAME = "tianjin-special-fund-2020-events";

    @Bean
    EventSigner eventSigner(@Value("${ledger.audit.event-key:}") String key,
                            @Value("${ledger.audit.event-key-file:}") String keyFile,
                            JdbcTemplate jdbc) {
        EventSigner signer = new EventSigner(AuditKeys.load("event key", "ledger.audit.event-key", key, keyFile,
                EVENT_KEY_NAME));
        String verifierKey = signer.verifier().verifierKey();
        try {
            jdbc.update("INSERT INTO audit_event_key (verifier_key, announced_at) SELECT ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM audit_event_key WHERE verifier_key = ?)", verifierKey,
                    Timestamp.from(Instant.now()), verifierKey);
        } catch (DuplicateKeyException another) {
            // another replica with the same key announced it at the same moment
        }
        return signer;
    }
}
