package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's jar on an export of a signed log: verified as written, and each kind of tampering named with its
 * event. Each tampered export is what the export endpoint would serve after the tampering in SQL: lines in leaf
 * order, the leaf hashes the tree table keeps, the event rows as they now are.
 */
class OfflineVerifierTest {

    private static final NoteSigner EVENT_KEY = NoteSigner.generate("tianjin-special-fund-2020-events");
    private static final NoteSigner CHECKPOINT_KEY = NoteSigner.generate(Checkpoint.ORIGIN);
    private static final int EVENTS = 30;
    private static final SampleLog LOG = SampleLog.generate(EVENTS, EVENT_KEY);

    @TempDir
    Path dir;

    private List<CanonicalEvent> events;
    private List<byte[]> storedHashes;
    private String output;

    @BeforeEach
    void log() {
        events = new ArrayList<>(LOG.events());
        storedHashes = new ArrayList<>(LOG.leafHashes());
    }

    @Test
    void anUntouchedLogVerifies() throws IOException {
        assertThat(verify(exportOf(events), LOG.checkpoint(EVENTS, CHECKPOINT_KEY))).isZero();
        assertThat(output).startsWith("OK 30 events verified against the checkpoint tianjin-special-fund-2020 size 30");
    }

    @Test
    void aChangedPayloadByteIsAltered() throws IOException {
        events.set(7, change(events.get(7), c -> {
            byte[] payload = c.payload();
            payload[payload.length - 3] ^= 1;
            return copy(c, c.timestamp(), payload);
        }));
        assertFails(exportOf(events), "ALTERED leafIndex=7 position=8 eventId=" + LOG.events().get(7).eventId());
    }

    @Test
    void aChangedTimestampIsAltered() throws IOException {
        events.set(12, change(events.get(12), c -> copy(c, "2020-08-31T16:00:00Z", c.payload())));
        assertFails(exportOf(events), "ALTERED leafIndex=12 position=13 eventId=" + LOG.events().get(12).eventId());
    }

    @Test
    void aDeletedEventIsMissing() throws IOException {
        List<String> lines = exportOf(events);
        lines.set(9, ExportLine.writeMissing(9, storedHashes.get(9), 10));
        assertFails(lines, "MISSING leafIndex=9 position=10");

        List<String> withoutTheLine = exportOf(events);
        withoutTheLine.remove(9);
        assertFails(withoutTheLine, "MISSING leafIndex=9");
    }

    @Test
    void twoSwappedEventsAreReordered() throws IOException {
        CanonicalEvent fourth = events.get(4);
        CanonicalEvent twentieth = events.get(20);
        events.set(4, new CanonicalEvent(fourth.position(), twentieth.content()));
        events.set(20, new CanonicalEvent(twentieth.position(), fourth.content()));
        assertFails(exportOf(events), "REORDERED leafIndex=4 position=5 eventId=" + twentieth.eventId());
    }

    @Test
    void aForgedEventInTheMiddleIsInserted() throws IOException {
        CanonicalEvent forged = forgedNext(events.get(9), 10_001, null);
        List<String> lines = exportOf(events);
        lines.add(15, ExportLine.write(null, null, forged));
        assertFails(lines, "INSERTED position=10001 eventId=" + forged.eventId() + " aggregateId="
                + forged.aggregateId() + " sequence=5");
    }

    @Test
    void aForgedEventGivenALeafInTheMiddleIsInserted() throws IOException {
        // An export rewritten around the forgery: leaf indexes and hashes consistent, but not the checkpoint's tree.
        CanonicalEvent forged = forgedNext(events.get(9), 10_001, null);
        events.add(15, forged);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            lines.add(ExportLine.write((long) i, events.get(i).leafHash(), events.get(i)));
        }
        assertFails(lines, "INSERTED leafIndex=15 position=10001 eventId=" + forged.eventId());
    }

    @Test
    void aForgedEventAtTheEndBeforeTheCheckpointIsUnsigned() throws IOException {
        CanonicalEvent forged = forgedNext(events.get(29), 31, null);
        events.add(forged);
        storedHashes.add(forged.leafHash());
        String checkpoint = checkpointOf(storedHashes);
        assertFails(exportOf(events), checkpoint, "UNSIGNED leafIndex=30 position=31 eventId=" + forged.eventId(),
                "it carries no signature");
    }

    @Test
    void aForgedEventSignedByAnotherKeyIsUnsigned() throws IOException {
        CanonicalEvent forged = forgedNext(events.get(29), 31, NoteSigner.generate(EVENT_KEY.name()));
        events.add(forged);
        storedHashes.add(forged.leafHash());
        assertFails(exportOf(events), checkpointOf(storedHashes), "UNSIGNED leafIndex=30",
                "its signature does not verify");
        // The same after the kept checkpoint: its leaf is beyond it, and still checked.
        assertFails(exportOf(events), LOG.checkpoint(EVENTS, CHECKPOINT_KEY), "UNSIGNED leafIndex=30",
                "its signature does not verify");
    }

    @Test
    void aForgedEventAtTheEndThatNoLeafHoldsIsInserted() throws IOException {
        CanonicalEvent forged = forgedNext(events.get(29), 31, null);
        List<String> lines = exportOf(events);
        lines.add(ExportLine.write(null, null, forged));
        assertFails(lines, "INSERTED position=31 eventId=" + forged.eventId());
    }

    @Test
    void anExportLineWhoseFieldsDisagreeWithItsCanonicalBytesIsAltered() throws IOException {
        List<String> lines = exportOf(events);
        lines.set(3, lines.get(3).replace("\"username\":\"district-xiqing\"", "\"username\":\"district-binhai\""));
        assertFails(lines, kept(), "ALTERED leafIndex=3", "its \"metadata\" differs from its canonical bytes");
    }

    @Test
    void anOlderCheckpointMustBeAPrefix() throws IOException {
        Path older = Files.writeString(dir.resolve("older.txt"), LOG.checkpoint(10, CHECKPOINT_KEY));
        assertThat(verify(exportOf(events), LOG.checkpoint(EVENTS, CHECKPOINT_KEY), "--older-checkpoint",
                older.toString())).isZero();
        assertThat(output).contains("the older checkpoint (tianjin-special-fund-2020 size 10 root");

        // A history rewritten and re-signed with the checkpoint key: the new checkpoint matches the new export,
        // the checkpoint the auditor kept does not.
        events.set(3, change(events.get(3),
                c -> EventSignatures.signed(copy(c, "2020-09-01T00:00:00Z", c.payload()), EVENT_KEY)));
        List<byte[]> rewritten = new ArrayList<>();
        events.forEach(e -> rewritten.add(e.leafHash()));
        storedHashes = rewritten;
        assertFails(exportOf(events), checkpointOf(rewritten), "INCONSISTENT_CHECKPOINTS", "older checkpoint",
                "--older-checkpoint", older.toString());
    }

    @Test
    void aCheckpointWithABadSignatureIsRefused() throws IOException {
        String forgedCheckpoint = LOG.checkpoint(EVENTS, NoteSigner.generate(Checkpoint.ORIGIN));
        assertFails(exportOf(events), forgedCheckpoint, "BAD_CHECKPOINT");
        String changed = LOG.checkpoint(EVENTS, CHECKPOINT_KEY).replace("\n30\n", "\n29\n");
        assertFails(exportOf(events), changed, "BAD_CHECKPOINT", "does not verify");
    }

    @Test
    void aMalformedExportLineIsNamed() throws IOException {
        List<String> lines = exportOf(events);
        lines.set(5, "{\"leafIndex\":5,");
        assertFails(lines, kept(), "MALFORMED_EXPORT", "line 6");
    }

    @Test
    void theSelfCheckAuditsTableRowsTheSameWay() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            entries.add(i == 9 ? AuditEntry.missingRow(i, storedHashes.get(i), 10)
                    : AuditEntry.leaf(i, storedHashes.get(i), events.get(i)));
        }
        entries.add(AuditEntry.notInTree(forgedNext(events.get(29), 31, null)));
        Checkpoint checkpoint = new Checkpoint(EVENTS, MerkleTree.ofLeafHashes(storedHashes).root(EVENTS));
        LogAudit.Result result = LogAudit.audit(entries, checkpoint, List.of(EVENT_KEY.verifier()), null);
        assertThat(result.verified()).isFalse();
        assertThat(result.problems()).extracting(Problem::kind, Problem::leafIndex).startsWith(
                org.assertj.core.groups.Tuple.tuple(Problem.Kind.MISSING, 9L));
        assertThat(result.problems()).extracting(Problem::kind).contains(Problem.Kind.INSERTED);
    }

    /**
     * The audit holds no log: it walks its source twice (the roots, then the judgement) when the leaves come in
     * order, and names the same problems from a source as from a list when they do not (a moved line).
     */
    @Test
    void theAuditWalksItsSourceInsteadOfHoldingIt() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            entries.add(AuditEntry.leaf(i, storedHashes.get(i), events.get(i)));
        }
        Checkpoint checkpoint = new Checkpoint(EVENTS, MerkleTree.ofLeafHashes(storedHashes).root(EVENTS));
        Checkpoint older = new Checkpoint(10, MerkleTree.ofLeafHashes(storedHashes).root(10));
        int[] walks = {0};
        LogAudit.Source counted = consumer -> {
            walks[0]++;
            entries.forEach(consumer);
        };
        LogAudit.Result clean = LogAudit.audit(counted, checkpoint, List.of(EVENT_KEY.verifier()), older);
        assertThat(clean.verified()).isTrue();
        assertThat(clean.eventsChecked()).isEqualTo(EVENTS);
        assertThat(walks[0]).isEqualTo(2);

        entries.add(entries.remove(5));
        LogAudit.Result fromList = LogAudit.audit(entries, checkpoint, List.of(EVENT_KEY.verifier()), null);
        LogAudit.Result fromSource = LogAudit.audit(entries::forEach, checkpoint, List.of(EVENT_KEY.verifier()), null);
        assertThat(fromSource.problems()).isEqualTo(fromList.problems());
        // leaf 5 is not where it belongs (and its aggregate's next event misses it), then comes after leaf 29
        assertThat(fromSource.problems()).extracting(Problem::kind, Problem::leafIndex)
                .startsWith(org.assertj.core.groups.Tuple.tuple(Problem.Kind.MISSING, 5L))
                .endsWith(org.assertj.core.groups.Tuple.tuple(Problem.Kind.REORDERED, 5L));
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertThat(run("verify", "--export", "x.jsonl")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("verify", "--export", "x", "--checkpoint", "y", "--checkpoint-key", "not-a-key",
                "--event-key", EVENT_KEY.verifier().verifierKey())).isEqualTo(2);
    }

    // ---- helpers

    private void assertFails(List<String> lines, String expected) throws IOException {
        assertFails(lines, kept(), expected);
    }

    /** The checkpoint of the log as generated, as the auditor kept it. */
    private static String kept() {
        return LOG.checkpoint(EVENTS, CHECKPOINT_KEY);
    }

    private void assertFails(List<String> lines, String checkpoint, String expected, String... detailAndOptions)
            throws IOException {
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
        assertThat(verify(lines, checkpoint, options.toArray(String[]::new))).as(output).isEqualTo(1);
        String first = output.lines().findFirst().orElse("");
        assertThat(first).startsWith("FAILED " + expected);
        details.forEach(detail -> assertThat(first).contains(detail));
    }

    private int verify(List<String> lines, String checkpoint, String... more) throws IOException {
        Path export = Files.write(dir.resolve("export.jsonl"), lines, StandardCharsets.UTF_8);
        Path kept = Files.writeString(dir.resolve("checkpoint.txt"), checkpoint);
        List<String> args = new ArrayList<>(List.of("verify", "--export", export.toString(), "--checkpoint",
                kept.toString(), "--checkpoint-key", CHECKPOINT_KEY.verifier().verifierKey(),
                "--event-key", EVENT_KEY.verifier().verifierKey()));
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

    private List<String> exportOf(List<CanonicalEvent> rows) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            lines.add(ExportLine.write((long) i, storedHashes.get(i), rows.get(i)));
        }
        return lines;
    }

    private String checkpointOf(List<byte[]> leafHashes) {
        return new Checkpoint(leafHashes.size(), MerkleTree.ofLeafHashes(leafHashes).root(leafHashes.size()))
                .sign(CHECKPOINT_KEY);
    }

    /** A row written by hand: its aggregate's next sequence number, signed by {@code key} or not at all. */
    private static CanonicalEvent forgedNext(CanonicalEvent last, long position, NoteSigner key) {
        EventContent c = last.content();
        EventContent forged = new EventContent("forged-" + position, c.aggregateId(), c.sequence() + 1, c.type(),
                c.timestamp(), "cn.tj.specialfund.coreapi.events.AwardToppedUp", null,
                "{\"amount\":5000000.00}".getBytes(StandardCharsets.UTF_8),
                "{\"username\":\"manager\"}".getBytes(StandardCharsets.UTF_8));
        return new CanonicalEvent(position, key == null ? forged : EventSignatures.signed(forged, key));
    }

    private static CanonicalEvent change(CanonicalEvent event, UnaryOperator<EventContent> edit) {
        return new CanonicalEvent(event.position(), edit.apply(event.content()));
    }

    private static EventContent copy(EventContent c, String timestamp, byte[] payload) {
        return new EventContent(c.eventId(), c.aggregateId(), c.sequence(), c.type(), timestamp, c.payloadType(),
                c.payloadRevision(), payload, c.metadata());
    }
}
