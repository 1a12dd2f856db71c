package cn.tj.specialfund.support.audit;

import cn.tj.specialfund.verifier.EventSignatures;
import cn.tj.specialfund.verifier.NoteSigner;
import cn.tj.specialfund.verifier.NoteVerifier;
import cn.tj.specialfund.verifier.SignedNote;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services sign and check with Bouncy Castle's Ed25519 instead of the JDK's: the same signatures byte for byte,
 * the same verdicts, on random keys and messages and on the published signed-note vectors.
 */
class BouncyCastleEd25519Test {

    private final BouncyCastleEd25519 bouncyCastle = new BouncyCastleEd25519();

    @Test
    void theServicesUseIt() {
        assertThat(EventSignatures.ed25519Implementation()).isEqualTo(BouncyCastleEd25519.class.getName());
    }

    @Test
    void signsAndVerifiesAsTheJdkDoes() throws Exception {
        Random random = new Random(20201031);
        for (int i = 0; i < 200; i++) {
            NoteSigner signer = NoteSigner.generate("key-" + i);
            byte[] seed = seedOf(signer);
            byte[] message = new byte[random.nextInt(3000)];
            random.nextBytes(message);
            byte[] publicKey = rawPublicKey(signer.verifier());

            byte[] ours = bouncyCastle.sign(seed, publicKey, message);
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
            jdk.update(message);
            assertThat(ours).isEqualTo(jdk.sign());
            assertThat(signer.sign(message)).isEqualTo(ours);

            Signature check = Signature.getInstance("Ed25519");
            check.initVerify(jdkPublicKey(publicKey));
            check.update(message);
            assertThat(check.verify(ours)).isTrue();
            assertThat(bouncyCastle.verify(publicKey, message, ours)).isTrue();

            byte[] otherSignature = ours.clone();
            otherSignature[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            assertThat(bouncyCastle.verify(publicKey, message, otherSignature)).isFalse();
            if (message.length > 0) {
                byte[] otherMessage = message.clone();
                otherMessage[random.nextInt(message.length)] ^= 1;
                assertThat(bouncyCastle.verify(publicKey, otherMessage, ours)).isFalse();
            }
            assertThat(bouncyCastle.verify(publicKey, message, Arrays.copyOf(ours, 63))).isFalse();
            assertThat(bouncyCastle.verify(Arrays.copyOf(publicKey, 31), message, ours)).isFalse();
        }
    }

    /** golang.org/x/mod's note tests: the signature is Go's, byte for byte, and Go's notes open with our check. */
    @Test
    void theSignedNoteVectorsHold() throws Exception {
        JsonNode go = vectors().get("go_note");
        NoteSigner peter = NoteSigner.parse(go.get("peter_skey").asText());
        String text = new String(hex(go.get("text_hex")), StandardCharsets.UTF_8);
        assertThat(SignedNote.sign(text, peter))
                .isEqualTo(new String(hex(go.get("signed_by_peter_hex")), StandardCharsets.UTF_8));

        NoteVerifier peterKey = NoteVerifier.parse(go.get("peter_vkey").asText());
        NoteVerifier enochKey = NoteVerifier.parse(go.get("enoch_vkey").asText());
        assertThat(SignedNote.open(hex(go.get("signed_by_peter_and_enoch_hex")), List.of(peterKey, enochKey))
                .verified()).extracting(SignedNote.Signature::name).containsExactly("PeterNeumann", "EnochRoot");
    }

    /** The 32-byte seed of a signer key ({@code PRIVATE+KEY+name+hash+base64(0x01 ‖ seed)}). */
    private static byte[] seedOf(NoteSigner signer) {
        return keyBytes(signer.signerKey().split("\\+", 5)[4]);
    }

    private static byte[] keyBytes(String base64) {
        byte[] bytes = java.util.Base64.getDecoder().decode(base64);
        return Arrays.copyOfRange(bytes, 1, bytes.length);
    }

    private static byte[] rawPublicKey(NoteVerifier verifier) {
        return keyBytes(verifier.verifierKey().split("\\+", 3)[2]);
    }

    private static PublicKey jdkPublicKey(byte[] raw) throws Exception {
        byte[] der = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static byte[] hex(JsonNode value) {
        return HexFormat.of().parseHex(value.asText());
    }

    private static JsonNode vectors() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("shared").resolve("note_vectors.json");
            if (Files.isRegularFile(file)) {
                return new ObjectMapper().readTree(file.toFile());
            }
        }
        throw new IllegalStateException("shared/note_vectors.json not found beside the repository");
    }
}
