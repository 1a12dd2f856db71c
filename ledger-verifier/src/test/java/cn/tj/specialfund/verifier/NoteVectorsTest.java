package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static cn.tj.specialfund.verifier.SharedVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys, signed notes and checkpoints against golang.org/x/mod's note tests and the C2SP examples. */
class NoteVectorsTest {

    private static final Map<String, Object> VECTORS = SharedVectors.load("note_vectors.json");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> go() {
        return (Map<String, Object>) VECTORS.get("go_note");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> c2sp() {
        return (Map<String, Object>) VECTORS.get("c2sp");
    }

    @Test
    void verifierKeysParseAndPrintBack() throws Exception {
        for (String key : new String[]{(String) go().get("peter_vkey"), (String) go().get("enoch_vkey"),
                (String) c2sp().get("vkey")}) {
            assertThat(NoteVerifier.parse(key).verifierKey()).isEqualTo(key);
        }
        assertThat(NoteVerifier.parse((String) go().get("peter_vkey")).name()).isEqualTo("PeterNeumann");
    }

    @Test
    @SuppressWarnings("unchecked")
    void badVerifierKeysAreRefused() {
        for (Object key : (List<Object>) go().get("bad_vkeys")) {
            assertThatThrownBy(() -> NoteVerifier.parse((String) key)).as((String) key)
                    .isInstanceOf(NoteException.class);
        }
    }

    @Test
    void theSignerKeyGivesItsVerifierKeyAndGosSignature() throws Exception {
        NoteSigner peter = NoteSigner.parse((String) go().get("peter_skey"));
        assertThat(peter.signerKey()).isEqualTo(go().get("peter_skey"));
        assertThat(peter.verifier().verifierKey()).isEqualTo(go().get("peter_vkey"));
        String text = new String(hex(go().get("text_hex")), StandardCharsets.UTF_8);
        // Ed25519 is deterministic: the note is byte for byte Go's.
        assertThat(SignedNote.sign(text, peter)).isEqualTo(new String(hex(go().get("signed_by_peter_hex")),
                StandardCharsets.UTF_8));
    }

    @Test
    void signedNotesOpenWithTheirKeys() throws Exception {
        NoteVerifier peter = NoteVerifier.parse((String) go().get("peter_vkey"));
        NoteVerifier enoch = NoteVerifier.parse((String) go().get("enoch_vkey"));
        String text = new String(hex(go().get("text_hex")), StandardCharsets.UTF_8);

        SignedNote.Opened byPeter = SignedNote.open(hex(go().get("signed_by_peter_hex")), List.of(peter));
        assertThat(byPeter.text()).isEqualTo(text);
        assertThat(byPeter.verified()).extracting(SignedNote.Signature::name).containsExactly("PeterNeumann");

        SignedNote.Opened both = SignedNote.open(hex(go().get("signed_by_peter_and_enoch_hex")), List.of(peter, enoch));
        assertThat(both.verified()).extracting(SignedNote.Signature::name).containsExactly("PeterNeumann", "EnochRoot");

        SignedNote.Opened onlyEnochKnown = SignedNote.open(hex(go().get("signed_by_peter_and_enoch_hex")), List.of(enoch));
        assertThat(onlyEnochKnown.unverified()).extracting(SignedNote.Signature::name).containsExactly("PeterNeumann");

        NoteVerifier example = NoteVerifier.parse((String) c2sp().get("vkey"));
        assertThat(SignedNote.open(hex(c2sp().get("note_hex")), List.of(example)).text())
                .isEqualTo("This is an example message.\n");
    }

    @Test
    void anInvalidSignatureOrAnUnknownKeyIsRefused() throws Exception {
        NoteVerifier peter = NoteVerifier.parse((String) go().get("peter_vkey"));
        NoteVerifier enoch = NoteVerifier.parse((String) go().get("enoch_vkey"));
        assertThatThrownBy(() -> SignedNote.open(hex(go().get("peter_invalid_signature_hex")), List.of(peter)))
                .isInstanceOfSatisfying(NoteException.class,
                        e -> assertThat(e.reason()).isEqualTo(NoteException.Reason.INVALID_SIGNATURE));
        assertThatThrownBy(() -> SignedNote.open(hex(go().get("signed_by_peter_hex")), List.of(enoch)))
                .isInstanceOfSatisfying(NoteException.class,
                        e -> assertThat(e.reason()).isEqualTo(NoteException.Reason.NO_KNOWN_SIGNATURE));
    }

    @Test
    @SuppressWarnings("unchecked")
    void malformedNotesAreRefused() throws Exception {
        NoteVerifier peter = NoteVerifier.parse((String) go().get("peter_vkey"));
        List<Object> messages = (List<Object>) go().get("malformed_messages_hex");
        assertThat(messages).hasSize(7);
        for (Object message : messages) {
            assertThatThrownBy(() -> SignedNote.open(hex(message), List.of(peter)))
                    .as(new String(hex(message), StandardCharsets.UTF_8))
                    .isInstanceOfSatisfying(NoteException.class,
                            e -> assertThat(e.reason()).isEqualTo(NoteException.Reason.MALFORMED));
        }
    }

    @Test
    void theC2spCheckpointBodyParses() throws Exception {
        String note = new String(hex(c2sp().get("checkpoint_hex")), StandardCharsets.UTF_8);
        String body = note.substring(0, note.indexOf("\n\n") + 1);
        Checkpoint checkpoint = Checkpoint.parseBody(body);
        assertThat(checkpoint.origin()).isEqualTo(c2sp().get("checkpoint_origin"));
        assertThat(checkpoint.size()).isEqualTo(((java.math.BigDecimal) c2sp().get("checkpoint_size")).longValueExact());
        assertThat(checkpoint.rootHash()).isEqualTo(Base64.getDecoder().decode((String) c2sp().get("checkpoint_root_b64")));
        assertThat(checkpoint.body()).isEqualTo(body);
    }
}
