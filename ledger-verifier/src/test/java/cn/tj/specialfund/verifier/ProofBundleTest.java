package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's jar on one application's proof bundle: verified as the service writes it, and each kind of
 * tampering refused, naming the event. The log is six applications of five events; application 2 is leaves 10–14.
 */
class ProofBundleTest {

    private static final NoteSigner EVENT_KEY = NoteSigner.generate("tianjin-special-fund-2020-events");
    private static final NoteSigner CHECKPOINT_KEY = NoteSigner.generate(Checkpoint.ORIGIN);
    private static final int EVENTS = 30;
    private static final SampleLog LOG = SampleLog.generate(EVENTS, EVENT_KEY);
    private static final int FIRST = 10;
    private static final String APPLICATION = LOG.events().get(FIRST).aggregateId();

    @TempDir
    Path dir;

    private String output;

    @Test
    void aBundleAsWrittenVerifies() throws IOException {
        assertThat(check(bundle(LOG.events(), EVENTS))).as(output).isZero();
        assertThat(output).startsWith("OK 5 events of application " + APPLICATION
                + " proved against the checkpoint tianjin-special-fund-2020 size 30 root ");

        ProofBundle parsed = ProofBundle.parse(bundle(LOG.events(), EVENTS));
        assertThat(parsed.events()).hasSize(5);
        assertThat(parsed.events().get(0).line().leafIndex()).isEqualTo(10L);
        assertThat(parsed.events().get(0).inclusionProof()).hasSize(5);
    }

    @Test
    void eventsAfterTheCheckpointAreCheckedBySignatureOnly() throws IOException {
        assertThat(check(bundle(LOG.events(), 13))).as(output).isZero();
        assertThat(output).contains("OK 3 events of application").contains("size 13")
                .contains("(2 after it checked by signature only)");
    }

    @Test
    void anAlteredByteIsAltered() throws IOException {
        // One payload byte changed in the canonical bytes and the fields, the leaf hash and proof left as they were.
        CanonicalEvent original = LOG.events().get(12);
        EventContent c = original.content();
        byte[] payload = c.payload();
        payload[payload.length - 3] ^= 1;
        CanonicalEvent changed = new CanonicalEvent(original.position(), new EventContent(c.eventId(), c.aggregateId(),
                c.sequence(), c.type(), c.timestamp(), c.payloadType(), c.payloadRevision(), payload, c.metadata()));
        List<ProofBundle.Proved> events = proved(LOG.events(), EVENTS);
        ProofBundle.Proved at = events.get(2);
        events.set(2, new ProofBundle.Proved(at.leafIndex(), at.storedLeafHash(), changed, at.inclusionProof()));
        assertFails(write(events, EVENTS), "ALTERED leafIndex=12 position=13 eventId=" + original.eventId(),
                "do not hash to its leafHash");

        // The same with its leafHash recomputed: then its proof does not lead to the root.
        events.set(2, new ProofBundle.Proved(at.leafIndex(), changed.leafHash(), changed, at.inclusionProof()));
        assertFails(write(events, EVENTS), "BAD_PROOF leafIndex=12", "does not lead to the checkpoint's root");

        // A byte of the canonical text itself (the fields left as they were): the view disagrees, or nothing decodes.
        String bundle = bundle(LOG.events(), EVENTS);
        String canonical = Base64.getEncoder().encodeToString(original.leafBytes());
        byte[] flipped = original.leafBytes();
        flipped[flipped.length - 40] ^= 1;
        assertFails(bundle.replace(canonical, Base64.getEncoder().encodeToString(flipped)), "ALTERED leafIndex=12");
        assertThat(output).as("an altered event is not also a hole in the sequence").doesNotContain("MISSING");
    }

    @Test
    void aWrongProofIsRefused() throws IOException {
        List<ProofBundle.Proved> events = proved(LOG.events(), EVENTS);
        ProofBundle.Proved at = events.get(1);
        List<byte[]> proof = new ArrayList<>(at.inclusionProof());
        byte[] element = proof.get(2).clone();
        element[0] ^= 1;
        proof.set(2, element);
        events.set(1, new ProofBundle.Proved(at.leafIndex(), at.storedLeafHash(), at.event(), proof));
        assertFails(write(events, EVENTS), "BAD_PROOF leafIndex=11 position=12", "does not lead");

        // Another leaf's proof, or a proof one element short.
        events.set(1, new ProofBundle.Proved(at.leafIndex(), at.storedLeafHash(), at.event(),
                events.get(0).inclusionProof()));
        assertFails(write(events, EVENTS), "BAD_PROOF leafIndex=11");
        events.set(1, new ProofBundle.Proved(at.leafIndex(), at.storedLeafHash(), at.event(),
                at.inclusionProof().subList(0, 4)));
        assertFails(write(events, EVENTS), "BAD_PROOF leafIndex=11");

        // A leaf of the checkpointed tree without its proof.
        events.set(1, new ProofBundle.Proved(at.leafIndex(), at.storedLeafHash(), at.event(), null));
        assertFails(write(events, EVENTS), "BAD_PROOF leafIndex=11", "without an inclusion proof");
    }

    @Test
    void aForgedSignatureIsUnsigned() throws IOException {
        // An event re-signed by another key and taken into the tree (the checkpoint covers it): proved, not signed.
        List<CanonicalEvent> log = new ArrayList<>(LOG.events());
        CanonicalEvent original = log.get(13);
        EventContent edited = original.content();
        EventContent forged = EventSignatures.signed(new EventContent(edited.eventId(), edited.aggregateId(),
                edited.sequence(), edited.type(), edited.timestamp(), edited.payloadType(), edited.payloadRevision(),
                "{\"amount\":9000000.00}".getBytes(StandardCharsets.UTF_8), edited.metadata()),
                NoteSigner.generate(EVENT_KEY.name()));
        log.set(13, new CanonicalEvent(original.position(), forged));
        assertFails(bundle(log, EVENTS), "UNSIGNED leafIndex=13 position=14 eventId=" + original.eventId(),
                "does not verify");
    }

    @Test
    void theWrongKeysAreRefused() throws IOException {
        String bundle = bundle(LOG.events(), EVENTS);
        assertThat(check(bundle, NoteSigner.generate(Checkpoint.ORIGIN).verifier(), EVENT_KEY.verifier())).isEqualTo(1);
        assertThat(output).startsWith("FAILED BAD_CHECKPOINT").contains("the bundle's checkpoint");
        assertThat(check(bundle, CHECKPOINT_KEY.verifier(), NoteSigner.generate(EVENT_KEY.name()).verifier()))
                .isEqualTo(1);
        assertThat(output).startsWith("FAILED UNSIGNED leafIndex=10");

        // A checkpoint signed by another key for a tree that holds a forged event.
        String forgedCheckpoint = LOG.checkpoint(EVENTS, NoteSigner.generate(Checkpoint.ORIGIN));
        assertFails(bundle.replace(json(LOG.checkpoint(EVENTS, CHECKPOINT_KEY)), json(forgedCheckpoint)),
                "BAD_CHECKPOINT");
    }

    @Test
    void anOmittedOrForeignEventIsNamed() throws IOException {
        List<ProofBundle.Proved> events = proved(LOG.events(), EVENTS);
        events.remove(2);
        assertFails(write(events, EVENTS), "MISSING aggregateId=" + APPLICATION + " sequence=2",
                "event 2 is not in the bundle");

        events = proved(LOG.events(), EVENTS);
        events.add(proved(LOG.events(), EVENTS, 20).get(0));
        assertFails(write(events, EVENTS), "INSERTED leafIndex=20", "another aggregate");

        events = proved(LOG.events(), EVENTS);
        ProofBundle.Proved third = events.get(3);
        events.set(3, events.get(2));
        events.set(2, third);
        assertFails(write(events, EVENTS), "REORDERED leafIndex=12");
    }

    @Test
    void aKeptCheckpointMustBeConsistent() throws IOException {
        Path kept = Files.writeString(dir.resolve("kept.txt"), LOG.checkpoint(8, CHECKPOINT_KEY));
        Path proof = Files.writeString(dir.resolve("proof.json"), consistencyProof(LOG.leafHashes(), 8, EVENTS));
        String bundle = bundle(LOG.events(), EVENTS);
        assertThat(check(bundle, "--older-checkpoint", kept.toString(), "--consistency-proof", proof.toString()))
                .as(output).isZero();
        assertThat(output).contains("the kept checkpoint (tianjin-special-fund-2020 size 8 root");

        // The same size needs no proof; another size does.
        Path same = Files.writeString(dir.resolve("same.txt"), LOG.checkpoint(EVENTS, CHECKPOINT_KEY));
        assertThat(check(bundle, "--older-checkpoint", same.toString())).as(output).isZero();
        assertThat(check(bundle, "--older-checkpoint", kept.toString())).isEqualTo(2);

        // A history rewritten before leaf 8 and re-signed: the kept checkpoint does not extend to it.
        List<byte[]> rewritten = new ArrayList<>(LOG.leafHashes());
        rewritten.set(3, Rfc9162.leafHash("rewritten".getBytes(StandardCharsets.UTF_8)));
        Path rewrittenKept = Files.writeString(dir.resolve("rewritten.txt"),
                new Checkpoint(8, MerkleTree.ofLeafHashes(rewritten).root(8)).sign(CHECKPOINT_KEY));
        assertFails(bundle, "INCONSISTENT_CHECKPOINTS", "not a prefix", "--older-checkpoint",
                rewrittenKept.toString(), "--consistency-proof", proof.toString());

        Path wrongSizes = Files.writeString(dir.resolve("wrong.json"), consistencyProof(LOG.leafHashes(), 9, EVENTS));
        assertFails(bundle, "INCONSISTENT_CHECKPOINTS", "from 9 to 30", "--older-checkpoint", kept.toString(),
                "--consistency-proof", wrongSizes.toString());
    }

    @Test
    void aMalformedBundleIsNamed() throws IOException {
        assertFails("{\"format\":\"special-fund-ledger/proof-bundle/v1\",", "MALFORMED_BUNDLE");
        assertFails(bundle(LOG.events(), EVENTS).replace("\"treeSize\":30", "\"treeSize\":\"30\""), "MALFORMED_BUNDLE",
                "treeSize");
        assertFails(bundle(LOG.events(), EVENTS).replace("\"treeSize\":30", "\"treeSize\":29"), "BAD_CHECKPOINT",
                "treeSize is 29");
        assertThat(run("bundle", "--bundle", dir.resolve("absent.json").toString(), "--checkpoint-key",
                CHECKPOINT_KEY.verifier().verifierKey(), "--event-key", EVENT_KEY.verifier().verifierKey()))
                .isEqualTo(2);
    }

    // ---- helpers

    /** The bundle of application 2 as the service writes it, against the checkpoint of the first {@code size} leaves. */
    private static String bundle(List<CanonicalEvent> log, long size) {
        return write(log, proved(log, size, FIRST), size);
    }

    private static String write(List<ProofBundle.Proved> events, long size) {
        return write(LOG.events(), events, size);
    }

    private static String write(List<CanonicalEvent> log, List<ProofBundle.Proved> events, long size) {
        return ProofBundle.write(APPLICATION, size, checkpoint(hashesOf(log), size), events);
    }

    private static List<ProofBundle.Proved> proved(List<CanonicalEvent> log, long size) {
        return proved(log, size, FIRST);
    }

    /** Five events from {@code first}, with leaf hashes and proofs in the tree of {@code log}'s first {@code size}. */
    private static List<ProofBundle.Proved> proved(List<CanonicalEvent> log, long size, int first) {
        List<byte[]> hashes = hashesOf(log);
        MerkleTree tree = MerkleTree.ofLeafHashes(hashes);
        List<ProofBundle.Proved> events = new ArrayList<>();
        for (int i = first; i < first + 5; i++) {
            boolean covered = i < size;
            events.add(new ProofBundle.Proved(covered ? (long) i : null, covered ? hashes.get(i) : null, log.get(i),
                    covered ? tree.inclusionProof(i, size) : null));
        }
        return events;
    }

    private static List<byte[]> hashesOf(List<CanonicalEvent> log) {
        List<byte[]> hashes = new ArrayList<>();
        log.forEach(e -> hashes.add(e.leafHash()));
        return hashes;
    }

    private static String checkpoint(List<byte[]> hashes, long size) {
        return new Checkpoint(size, MerkleTree.ofLeafHashes(hashes).root(size)).sign(CHECKPOINT_KEY);
    }

    private static String consistencyProof(List<byte[]> hashes, long from, long to) {
        List<Object> path = new ArrayList<>(MerkleTree.ofLeafHashes(hashes).consistencyProof(from, to));
        return "{\"from\":" + from + ",\"to\":" + to + ",\"path\":" + Json.write(path) + "}";
    }

    private static String json(String text) {
        String quoted = Json.write(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    private void assertFails(String bundle, String expected, String... detailAndOptions) throws IOException {
        List<String> details = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < detailAndOptions.length; i++) {
            if (detailAndOptions[i].startsWith("--")) {
                options.add(detailAndOptions[i]);
                options.add(detailAndOptions[++i]);
            } else {
                details.add(detailAndOptions[i]);
            }
        }
        assertThat(check(bundle, options.toArray(String[]::new))).as(output).isEqualTo(1);
        String first = output.lines().findFirst().orElse("");
        assertThat(first).startsWith("FAILED " + expected);
        details.forEach(detail -> assertThat(first).contains(detail));
    }

    private int check(String bundle, String... more) throws IOException {
        return check(bundle, CHECKPOINT_KEY.verifier(), EVENT_KEY.verifier(), more);
    }

    private int check(String bundle, NoteVerifier checkpointKey, NoteVerifier eventKey, String... more)
            throws IOException {
        Path file = Files.writeString(dir.resolve("bundle.json"), bundle);
        List<String> args = new ArrayList<>(List.of("bundle", "--bundle", file.toString(),
                "--checkpoint-key", checkpointKey.verifierKey(), "--event-key", eventKey.verifierKey()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        return code;
    }
}
