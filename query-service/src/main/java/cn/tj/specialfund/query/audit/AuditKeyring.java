package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.support.audit.AuditKeys;
import cn.tj.specialfund.support.audit.EventSigner;
import cn.tj.specialfund.verifier.Checkpoint;
import cn.tj.specialfund.verifier.NoteException;
import cn.tj.specialfund.verifier.NoteSigner;
import cn.tj.specialfund.verifier.NoteVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of tamper evidence as the query side holds them: the checkpoint key (a signer key named after the
 * origin, {@code ledger.audit.checkpoint-key} or {@code …-file}; ephemeral without one) and the event keys' verifier
 * keys, from {@code ledger.audit.event-verifier-keys} (comma-separated, the current one first). Without those, the
 * event key of a command side in the same process (the all-in-one), then the verifier keys command-side processes
 * announced in {@code audit_event_key}: good enough for a demo, not for an auditor, since whoever can write the
 * database can announce a key.
 */
@Component
public class AuditKeyring {

    private static final Logger log = LoggerFactory.getLogger(AuditKeyring.class);

    private final NoteSigner checkpointKey;
    private final List<NoteVerifier> configuredEventKeys;
    private final ObjectProvider<EventSigner> localEventSigner;
    private final JdbcTemplate jdbc;

    AuditKeyring(@Value("${ledger.audit.checkpoint-key:}") String checkpointKey,
                 @Value("${ledger.audit.checkpoint-key-file:}") String checkpointKeyFile,
                 @Value("${ledger.audit.event-verifier-keys:}") String eventVerifierKeys,
                 ObjectProvider<EventSigner> localEventSigner, JdbcTemplate jdbc) {
        this.checkpointKey = AuditKeys.load("checkpoint key", "ledger.audit.checkpoint-key", checkpointKey,
                checkpointKeyFile, Checkpoint.ORIGIN);
        if (!this.checkpointKey.name().equals(Checkpoint.ORIGIN)) {
            throw new IllegalStateException("the checkpoint key is named " + this.checkpointKey.name()
                    + "; it must be named after the log's origin, " + Checkpoint.ORIGIN);
        }
        this.configuredEventKeys = parse(eventVerifierKeys);
        this.localEventSigner = localEventSigner;
        this.jdbc = jdbc;
        if (configuredEventKeys.isEmpty()) {
            log.warn("No event verifier key configured (ledger.audit.event-verifier-keys): events are checked "
                    + "against the event keys the command side announced in the database (demo only)");
        }
    }

    private static List<NoteVerifier> parse(String keys) {
        List<NoteVerifier> parsed = new ArrayList<>();
        for (String key : keys.split(",")) {
            if (!key.isBlank()) {
                try {
                    parsed.add(NoteVerifier.parse(key.strip()));
                } catch (NoteException e) {
                    throw new IllegalStateException("ledger.audit.event-verifier-keys holds a malformed verifier key "
                            + key.strip() + ": " + e.getMessage());
                }
            }
        }
        return List.copyOf(parsed);
    }

    NoteSigner checkpointSigner() {
        return checkpointKey;
    }

    public NoteVerifier checkpointVerifier() {
        return checkpointKey.verifier();
    }

    /** Every key an event may be signed with, the current one first. */
    public List<NoteVerifier> eventKeys() {
        if (!configuredEventKeys.isEmpty()) {
            return configuredEventKeys;
        }
        Map<String, NoteVerifier> keys = new LinkedHashMap<>();
        EventSigner local = localEventSigner.getIfAvailable();
        if (local != null) {
            keys.put(local.verifier().verifierKey(), local.verifier());
        }
        for (String announced : jdbc.queryForList(
                "SELECT verifier_key FROM audit_event_key ORDER BY announced_at DESC", String.class)) {
            try {
                keys.putIfAbsent(announced, NoteVerifier.parse(announced));
            } catch (NoteException e) {
                log.warn("audit_event_key holds a malformed verifier key; ignored: {}", e.getMessage());
            }
        }
        return List.copyOf(keys.values());
    }

    /** The current event key's verifier key, or null if no command side has announced one yet. */
    public String currentEventKey() {
        List<NoteVerifier> keys = eventKeys();
        return keys.isEmpty() ? null : keys.get(0).verifierKey();
    }

    static String describe(List<NoteVerifier> keys) {
        return Arrays.toString(keys.stream().map(NoteVerifier::verifierKey).toArray());
    }
}
