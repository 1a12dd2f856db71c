package cn.tj.specialfund.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks one application's proof bundle against the checkpoint key and the event keys (docs/tamper-evidence.md):
 * the checkpoint is signed and of the bundle's tree size; every event's canonical bytes decode, agree with its
 * fields and hash to its {@code leafHash}; every inclusion proof leads from that hash to the checkpoint's root;
 * every event is signed by an event key; the events are the application's, its sequence 0, 1, 2… without a hole,
 * a repeat or a step back, in increasing leaf order. An event beyond the checkpoint (no inclusion proof) is checked
 * by all of that except the proof. Optionally the checkpoint is consistent with an older one the auditor kept.
 */
public final class BundleCheck {

    /** The outcome: events proved against the checkpoint, events after it (checked by signature only), problems. */
    public record Result(ProofBundle bundle, Checkpoint checkpoint, long proved, long beyondCheckpoint,
                         List<Problem> problems) {
        public boolean verified() {
            return problems.isEmpty();
        }

        public Problem firstProblem() {
            return problems.isEmpty() ? null : problems.get(0);
        }
    }

    /** An older checkpoint the auditor kept, and the consistency proof between its tree and the bundle's. */
    public record Older(Checkpoint checkpoint, long from, long to, List<byte[]> path) {
    }

    private final List<Problem> problems = new ArrayList<>();

    private BundleCheck() {
    }

    /**
     * Checks {@code bundle}; {@code origin} null means the checkpoint key's name; {@code older} null for none, its
     * checkpoint already opened with the checkpoint key. A consistency proof between two trees of one size is empty.
     */
    public static Result check(ProofBundle bundle, NoteVerifier checkpointKey, List<NoteVerifier> eventKeys,
                               String origin, Older older) {
        return new BundleCheck().run(bundle, checkpointKey, eventKeys, origin, older);
    }

    private Result run(ProofBundle bundle, NoteVerifier checkpointKey, List<NoteVerifier> eventKeys, String origin,
                       Older older) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(bundle.checkpoint().getBytes(StandardCharsets.UTF_8), checkpointKey, origin);
        } catch (NoteException e) {
            problems.add(Problem.general(Problem.Kind.BAD_CHECKPOINT, "the bundle's checkpoint: " + e.getMessage()));
            return new Result(bundle, null, 0, 0, List.copyOf(problems));
        }
        if (checkpoint.size() != bundle.treeSize()) {
            problems.add(Problem.general(Problem.Kind.BAD_CHECKPOINT, "the bundle's treeSize is " + bundle.treeSize()
                    + ", its checkpoint's " + checkpoint.size()));
            return new Result(bundle, checkpoint, 0, 0, List.copyOf(problems));
        }
        if (bundle.events().isEmpty()) {
            problems.add(Problem.general(Problem.Kind.MALFORMED_BUNDLE, "the bundle holds no events"));
        }
        byte[] root = checkpoint.rootHash();
        long proved = 0;
        long beyond = 0;
        long lastSequence = -1;
        long lastLeaf = -1;
        Set<String> eventIds = new HashSet<>();
        SortedSet<Long> sequences = new TreeSet<>();
        for (ProofBundle.Entry item : bundle.events()) {
            AuditEntry entry = AuditEntry.of(item.line());
            Long leafIndex = entry.leafIndex();
            if (entry.defect() != null || entry.event() == null) {
                report(Problem.of(Problem.Kind.ALTERED, entry,
                        entry.event() == null && entry.defect() == null ? "the line has no canonical bytes" : entry.defect()));
                if (entry.event() != null) {
                    // there, if not intact: not also a hole in the sequence
                    sequences.add(entry.event().sequence());
                }
                continue;
            }
            CanonicalEvent event = entry.event();
            byte[] hash = event.leafHash();
            List<byte[]> proof = item.inclusionProof();
            if (!event.aggregateId().equals(bundle.applicationId())) {
                report(Problem.of(Problem.Kind.INSERTED, entry, "an event of another aggregate than the application "
                        + bundle.applicationId()));
                continue;
            }
            boolean seen = !sequences.add(event.sequence());
            if (entry.storedLeafHash() != null && !MessageDigest.isEqual(hash, entry.storedLeafHash())) {
                report(Problem.of(Problem.Kind.ALTERED, entry, "its canonical bytes do not hash to its leafHash"));
                continue;
            }
            if (proof != null) {
                if (leafIndex == null || entry.storedLeafHash() == null || leafIndex >= checkpoint.size()) {
                    report(Problem.of(Problem.Kind.BAD_PROOF, entry, "an inclusion proof for an event that is not a leaf"
                            + " of the checkpoint's tree of " + checkpoint.size()));
                    continue;
                }
                if (!ProofVerifier.verifyInclusion(leafIndex, checkpoint.size(), hash, proof, root)) {
                    report(Problem.of(Problem.Kind.BAD_PROOF, entry, "its inclusion proof does not lead to the"
                            + " checkpoint's root"));
                    continue;
                }
                proved++;
            } else if (leafIndex != null && leafIndex < checkpoint.size()) {
                report(Problem.of(Problem.Kind.BAD_PROOF, entry, "a leaf of the checkpoint's tree without an inclusion proof"));
                continue;
            } else {
                beyond++;
            }
            if (leafIndex != null) {
                if (leafIndex <= lastLeaf) {
                    report(Problem.of(Problem.Kind.REORDERED, entry, "leaf " + leafIndex + " comes after leaf " + lastLeaf));
                }
                lastLeaf = Math.max(lastLeaf, leafIndex);
            }
            EventSignatures.Status signature = EventSignatures.check(event.content(), eventKeys);
            if (signature != EventSignatures.Status.VALID) {
                report(Problem.of(Problem.Kind.UNSIGNED, entry, signature == EventSignatures.Status.MISSING
                        ? "it carries no signature" : "its signature does not verify with the event key"));
            }
            if (!eventIds.add(event.eventId())) {
                report(Problem.of(Problem.Kind.INSERTED, entry, "a second event with this event id"));
            } else if (seen) {
                report(Problem.of(Problem.Kind.INSERTED, entry, "a second event with sequence " + event.sequence()));
            } else if (event.sequence() < lastSequence) {
                report(Problem.of(Problem.Kind.REORDERED, entry, "sequence " + event.sequence()
                        + " comes after sequence " + lastSequence));
            }
            lastSequence = Math.max(lastSequence, event.sequence());
        }
        // Holes last, so that two swapped events are named as such rather than as a hole before the first of them.
        long expected = 0;
        for (long sequence : sequences) {
            if (sequence > expected) {
                report(new Problem(Problem.Kind.MISSING, null, null, null, bundle.applicationId(), expected,
                        "the application's " + (sequence - 1 == expected ? "event " + expected + " is"
                                : "events " + expected + " to " + (sequence - 1) + " are") + " not in the bundle"));
            }
            expected = sequence + 1;
        }
        if (older != null) {
            checkOlder(checkpoint, older);
        }
        return new Result(bundle, checkpoint, proved, beyond, List.copyOf(problems));
    }

    private void checkOlder(Checkpoint checkpoint, Older older) {
        Checkpoint kept = older.checkpoint();
        long small = Math.min(kept.size(), checkpoint.size());
        long large = Math.max(kept.size(), checkpoint.size());
        if (older.from() != small || older.to() != large) {
            report(Problem.general(Problem.Kind.INCONSISTENT_CHECKPOINTS, "the consistency proof is from " + older.from()
                    + " to " + older.to() + ", the checkpoints have " + kept.size() + " and " + checkpoint.size()
                    + " leaves"));
            return;
        }
        byte[] smallRoot = kept.size() <= checkpoint.size() ? kept.rootHash() : checkpoint.rootHash();
        byte[] largeRoot = kept.size() <= checkpoint.size() ? checkpoint.rootHash() : kept.rootHash();
        if (!ProofVerifier.verifyConsistency(small, large, older.path(), smallRoot, largeRoot)) {
            report(Problem.general(Problem.Kind.INCONSISTENT_CHECKPOINTS, "the tree of " + small
                    + " leaves is not a prefix of the tree of " + large + " leaves: the log was rewritten between the"
                    + " kept checkpoint and the bundle's"));
        }
    }

    private void report(Problem problem) {
        problems.add(problem);
    }
}
