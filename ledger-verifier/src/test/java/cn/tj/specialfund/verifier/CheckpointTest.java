package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's checkpoints and the key-pair command. */
class CheckpointTest {

    private static final NoteSigner KEY = NoteSigner.generate(Checkpoint.ORIGIN);

    @Test
    void aSignedCheckpointOpensWithItsKeyAndKeepsItsExtensions() throws Exception {
        byte[] root = Rfc9162.leafHash(new byte[]{1});
        Checkpoint checkpoint = new Checkpoint(Checkpoint.ORIGIN, 42, root, List.of("timestamp 2020-12-01T00:00:00Z"));
        String note = checkpoint.sign(KEY);
        assertThat(note).startsWith("tianjin-special-fund-2020\n42\n")
                .contains("\ntimestamp 2020-12-01T00:00:00Z\n\n\u2014 tianjin-special-fund-2020 ");
        assertThat(Checkpoint.open(note, KEY.verifier())).isEqualTo(checkpoint);
    }

    @Test
    void aCheckpointSignedByAnotherKeyOrChangedIsRefused() {
        String note = new Checkpoint(7, Rfc9162.emptyRoot()).sign(KEY);
        NoteSigner other = NoteSigner.generate(Checkpoint.ORIGIN);
        assertThatThrownBy(() -> Checkpoint.open(note, other.verifier())).isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> Checkpoint.open(note.replace("\n7\n", "\n8\n"), KEY.verifier()))
                .isInstanceOfSatisfying(NoteException.class,
                        e -> assertThat(e.reason()).isEqualTo(NoteException.Reason.INVALID_SIGNATURE));
    }

    @Test
    void aMalformedBodyIsRefused() {
        for (String body : new String[]{"tianjin-special-fund-2020\n07\nAAAA\n", "tianjin-special-fund-2020\n7\n",
                "tianjin-special-fund-2020\n-1\n" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n",
                "tianjin-special-fund-2020\n7\nAAAA\n", "tianjin-special-fund-2020\n7\n"
                + java.util.Base64.getEncoder().encodeToString(new byte[32])}) {
            assertThatThrownBy(() -> Checkpoint.parseBody(body)).as(body).isInstanceOf(NoteException.class);
        }
    }

    @Test
    void keygenPrintsAPrivateKeyAndItsVerifierKey() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(new String[]{"keygen", "--name", "tianjin-special-fund-2020"});
        assertThat(code).isZero();
        List<String> keys = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(keys).hasSize(2);
        NoteSigner signer = NoteSigner.parse(keys.get(0));
        assertThat(keys.get(0)).startsWith("PRIVATE+KEY+tianjin-special-fund-2020+");
        assertThat(signer.verifier().verifierKey()).isEqualTo(keys.get(1));
        assertThat(NoteVerifier.parse(keys.get(1)).name()).isEqualTo("tianjin-special-fund-2020");
        assertThat(signer.toString()).doesNotContain(keys.get(0).substring(keys.get(0).lastIndexOf('+') + 1));
    }
}
