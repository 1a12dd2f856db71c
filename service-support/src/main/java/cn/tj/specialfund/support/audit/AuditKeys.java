package cn.tj.specialfund.support.audit;

import cn.tj.specialfund.verifier.NoteException;
import cn.tj.specialfund.verifier.NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tamper-evidence keys (docs/tamper-evidence.md): a signer key in the signed-note format
 * ({@code PRIVATE+KEY+<name>+<hash>+<base64>}) from configuration or from a key file, never from the database.
 * Without either, a new ephemeral key is generated and the log says so: fine for the demo and a single embedded
 * run, useless to an auditor once the process stops (and replicas would each sign with their own).
 */
public final class AuditKeys {

    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

    private AuditKeys() {
    }

    /**
     * @param what         which key, for the log ("event key", "checkpoint key")
     * @param property     the configuration property that holds the key text, for the messages
     * @param keyText      the key text, blank when not configured
     * @param keyFile      a file holding the key text, blank when not configured
     * @param ephemeralName the key name of an ephemeral key
     */
    public static NoteSigner load(String what, String property, String keyText, String keyFile, String ephemeralName) {
        String text = keyText == null ? "" : keyText.strip();
        if (text.isEmpty() && keyFile != null && !keyFile.isBlank()) {
            try {
                text = Files.readString(Path.of(keyFile.strip()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the " + what + " from " + keyFile + ": " + e.getMessage(), e);
            }
        }
        if (text.isEmpty()) {
            NoteSigner generated = NoteSigner.generate(ephemeralName);
            log.warn("No {} configured ({} or {}-file): generated an ephemeral one for this process only; its "
                            + "verifier key is {}. Configure a key (java -jar ledger-verifier.jar keygen) for anything but a demo.",
                    what, property, property, generated.verifier().verifierKey());
            return generated;
        }
        try {
            NoteSigner signer = NoteSigner.parse(text);
            log.info("{}: verifier key {}", what, signer.verifier().verifierKey());
            return signer;
        } catch (NoteException e) {
            // never echo the configured text: it is a secret
            throw new IllegalStateException("the configured " + what + " (" + property + ") is not a signer key: "
                    + e.getMessage());
        }
    }
}
