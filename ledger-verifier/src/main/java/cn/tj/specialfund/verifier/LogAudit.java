package cn.tj.specialfund.verifier;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a log (an export, or the event table read beside the tree table) against a signed checkpoint and the
 * event key, and names what is wrong. The rules, in docs/tamper-evidence.md:
 * <ol>
 * <li>The per-leaf truth is the stored leaf hashes if they reproduce the checkpoint's root (the tree table was not
 *     touched), else the events' own hashes if those do; otherwise there is none, and events are judged by their
 *     signatures and sequences alone.</li>
 * <li>Walking the entries in leaf order, for each one, the first that applies: an entry no leaf holds is INSERTED;
 *     a leaf without its event is MISSING; an entry whose fields or bytes are defective is ALTERED; an event whose
 *     hash differs from its leaf's is REORDERED if it hashes to another differing leaf once given that leaf's
 *     position, else ALTERED; an event without a valid signature is UNSIGNED (without per-leaf truth: INSERTED if
 *     leaving it out reproduces the root, else ALTERED); an aggregate's sequence number that repeats is INSERTED,
 *     that goes back is REORDERED, that skips is MISSING.</li>
 * <li>Leaves beyond the checkpoint's size are checked by signature and sequence only.</li>
 * <li>If nothing was found but the root still differs: TREE_MISMATCH. The older checkpoint, if any, must be the
 *     root of the first leaves: else INCONSISTENT_CHECKPOINTS.</li>
 * </ol>
 */
public final class LogAudit {

    /** Enough for a report; the walk goes on to count, the list stops growing. */
    private static final int MAX_PROBLEMS = 1000;
    /** Bounds the quadratic search for a moved event (and the root recomputations without per-leaf truth). */
    private static final int MAX_RELOCATION_CANDIDATES = 2000;
    private static final int MAX_OMISSION_TRIALS = 3;

    /** The outcome: how many events were checked, how many leaves the checkpoint covers, and the problems found. */
    public record Result(long eventsChecked, long treeSize, long beyondCheckpoint, List<Problem> problems) {
        public boolean verified() {
            return problems.isEmpty();
        }

        public Problem firstProblem() {
            return problems.isEmpty() ? null : problems.get(0);
        }
    }

    private final Checkpoint checkpoint;
    private final List<NoteVerifier> eventKeys;
    private final Checkpoint older;
    private final List<Problem> problems = new ArrayList<>();

    private LogAudit(Checkpoint checkpoint, List<NoteVerifier> eventKeys, Checkpoint older) {
        this.checkpoint = checkpoint;
        this.eventKeys = List.copyOf(eventKeys);
        this.older = older;
    }

    /**
     * Audits {@code entries} (in leaf order; rows no leaf holds wherever they fall) against a checkpoint whose
     * signature the caller has verified, and an optional older one (null for none), also verified.
     */
    public static Result audit(List<AuditEntry> entries, Checkpoint checkpoint, List<NoteVerifier> eventKeys,
                               Checkpoint older) {
        return new LogAudit(checkpoint, eventKeys, older).run(entries);
    }

    /** An entry with its recomputed leaf hash (null without an event) and its signature's status, both computed once. */
    private record Item(AuditEntry entry, byte[] hash, EventSignatures.Status signature) {
        Long leafIndex() {
            return entry.leafIndex();
        }
    }

    private Item item(AuditEntry entry) {
        boolean usable = entry.event() != null && entry.defect() == null;
        return new Item(entry, usable ? entry.event().leafHash() : null,
                usable ? EventSignatures.check(entry.event().content(), eventKeys) : null);
    }

    private Result run(List<AuditEntry> entries) {
        long size = checkpoint.size();
        // Hashing and signature checks are independent per event and most of the work: spread them over the cores.
        List<Item> items = entries.parallelStream().map(this::item).toList();
        List<Item> allLeaves = new ArrayList<>();
        List<Item> leaves = new ArrayList<>();
        for (Item item : items) {
            if (item.leafIndex() != null) {
                allLeaves.add(item);
                if (item.leafIndex() < size) {
                    leaves.add(item);
                }
            }
        }
        byte[][] truth = perLeafTruth(leaves, size);
        Map<Long, AuditEntry> moved = truth == null ? Map.of() : movedCandidates(leaves, truth);

        Map<String, Long> lastSequence = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        long expectedLeaf = 0;
        long checked = 0;
        long beyond = 0;
        int omissionTrials = 0;
        for (Item item : items) {
            AuditEntry entry = item.entry();
            Long leafIndex = entry.leafIndex();
            if (leafIndex == null) {
                report(Problem.of(Problem.Kind.INSERTED, entry, "the log holds this event but the tree does not"));
                continue;
            }
            if (leafIndex < expectedLeaf) {
                report(Problem.of(leafIndex == expectedLeaf - 1 ? Problem.Kind.INSERTED : Problem.Kind.REORDERED,
                        entry, "leaf " + leafIndex + " comes after leaf " + (expectedLeaf - 1)));
                continue;
            }
            if (leafIndex > expectedLeaf) {
                report(new Problem(Problem.Kind.MISSING, expectedLeaf, null, null, null, null,
                        (leafIndex == expectedLeaf + 1 ? "leaf " + expectedLeaf + " is"
                                : "leaves " + expectedLeaf + " to " + (leafIndex - 1) + " are") + " not in the export"));
            }
            expectedLeaf = leafIndex + 1;
            checked++;
            boolean covered = leafIndex < size;
            if (!covered) {
                beyond++;
            }
            if (entry.defect() != null) {
                report(Problem.of(Problem.Kind.ALTERED, entry, entry.defect()));
                continue;
            }
            CanonicalEvent event = entry.event();
            if (event == null) {
                report(Problem.of(Problem.Kind.MISSING, entry, "the tree holds this leaf but its event is gone"));
                continue;
            }
            EventSignatures.Status signature = item.signature();
            if (covered && truth != null && !MessageDigest.isEqual(item.hash(), truth[leafIndex.intValue()])) {
                AuditEntry original = moved.get(leafIndex);
                report(original != null
                        ? Problem.of(Problem.Kind.REORDERED, entry, "this event is the tree's leaf "
                        + original.leafIndex() + ", at position " + original.position())
                        : Problem.of(Problem.Kind.ALTERED, entry, "its bytes do not hash to the tree's leaf"));
            } else if (signature != EventSignatures.Status.VALID) {
                if (covered && truth == null) {
                    boolean inserted = omissionTrials++ < MAX_OMISSION_TRIALS && rootWithout(allLeaves, item, size);
                    report(Problem.of(inserted ? Problem.Kind.INSERTED : Problem.Kind.ALTERED, entry, inserted
                            ? "without this event the log has the checkpoint's root"
                            : "the log does not have the checkpoint's root and this event's signature does not verify"));
                } else {
                    report(Problem.of(Problem.Kind.UNSIGNED, entry, signature == EventSignatures.Status.MISSING
                            ? "it carries no signature" : "its signature does not verify with the event key"));
                }
            }
            checkSequence(entry, lastSequence, eventIds);
        }
        if (expectedLeaf < size) {
            report(new Problem(Problem.Kind.MISSING, expectedLeaf, null, null, null, null,
                    "the checkpoint has " + size + " leaves, the export ends after " + expectedLeaf));
        }
        if (problems.isEmpty() && truth == null) {
            report(Problem.general(Problem.Kind.TREE_MISMATCH,
                    "the events do not have the checkpoint's root, and no single event explains it"));
        }
        if (problems.isEmpty() && older != null) {
            checkOlder(leaves);
        }
        return new Result(checked, size, beyond, List.copyOf(problems));
    }

    /** The leaf hashes that the checkpoint's root vouches for, or null if neither the stored nor the recomputed do. */
    private byte[][] perLeafTruth(List<Item> leaves, long size) {
        if (leaves.size() != size || size > Integer.MAX_VALUE) {
            return null;
        }
        byte[][] stored = new byte[(int) size][];
        byte[][] recomputed = new byte[(int) size][];
        for (Item item : leaves) {
            int i = item.leafIndex().intValue();
            stored[i] = item.entry().storedLeafHash();
            recomputed[i] = item.hash();
        }
        for (byte[][] candidate : new byte[][][]{stored, recomputed}) {
            byte[] root = rootOf(candidate);
            if (root != null && MessageDigest.isEqual(root, checkpoint.rootHash())) {
                return candidate;
            }
        }
        return null;
    }

    /** Events that hash to another leaf that differs, once given that leaf's position: leaf index → that leaf. */
    private Map<Long, AuditEntry> movedCandidates(List<Item> leaves, byte[][] truth) {
        List<AuditEntry> differing = new ArrayList<>();
        for (Item item : leaves) {
            if (item.hash() != null && !MessageDigest.isEqual(item.hash(), truth[item.leafIndex().intValue()])) {
                differing.add(item.entry());
            }
        }
        Map<Long, AuditEntry> moved = new HashMap<>();
        if (differing.size() > MAX_RELOCATION_CANDIDATES) {
            return moved;
        }
        for (AuditEntry entry : differing) {
            for (AuditEntry other : differing) {
                if (other != entry && other.position() != null
                        && MessageDigest.isEqual(new CanonicalEvent(other.position(), entry.event().content()).leafHash(),
                        truth[other.leafIndex().intValue()])) {
                    moved.put(entry.leafIndex(), other);
                    break;
                }
            }
        }
        return moved;
    }

    private void checkSequence(AuditEntry entry, Map<String, Long> lastSequence, Set<String> eventIds) {
        CanonicalEvent event = entry.event();
        if (!eventIds.add(event.eventId())) {
            report(Problem.of(Problem.Kind.INSERTED, entry, "a second event with this event id"));
            return;
        }
        long last = lastSequence.getOrDefault(event.aggregateId(), -1L);
        if (event.sequence() == last) {
            report(Problem.of(Problem.Kind.INSERTED, entry, "a second event with this aggregate's sequence number"));
        } else if (event.sequence() < last) {
            report(Problem.of(Problem.Kind.REORDERED, entry, "it comes after sequence " + last + " of its aggregate"));
        } else if (event.sequence() > last + 1) {
            report(new Problem(Problem.Kind.MISSING, entry.leafIndex(), null, null, event.aggregateId(), last + 1,
                    "its aggregate's events " + (last + 1) + " to " + (event.sequence() - 1)
                            + " are missing before leaf " + entry.leafIndex()));
        }
        lastSequence.put(event.aggregateId(), Math.max(last, event.sequence()));
    }

    private boolean rootWithout(List<Item> leaves, Item left, long size) {
        if (leaves.size() != size + 1 && leaves.size() != size) {
            return false;
        }
        CompactRange range = CompactRange.empty();
        for (Item item : leaves) {
            if (item == left) {
                continue;
            }
            if (item.hash() == null) {
                return false;
            }
            range.append(item.hash());
        }
        return range.size() == size && MessageDigest.isEqual(range.root(), checkpoint.rootHash());
    }

    private void checkOlder(List<Item> leaves) {
        if (older.size() > checkpoint.size()) {
            report(Problem.general(Problem.Kind.INCONSISTENT_CHECKPOINTS, "the older checkpoint has " + older.size()
                    + " leaves, more than the " + checkpoint.size() + " of the newer one"));
            return;
        }
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < older.size(); i++) {
            range.append(leaves.get(i).hash());
        }
        if (!MessageDigest.isEqual(range.root(), older.rootHash())) {
            report(Problem.general(Problem.Kind.INCONSISTENT_CHECKPOINTS, "the first " + older.size()
                    + " leaves of the checkpointed tree do not have the older checkpoint's root: the log was rewritten"
                    + " between them"));
        }
    }

    /** MTH over the hashes; null if one is unknown. */
    private static byte[] rootOf(byte[][] leafHashes) {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < leafHashes.length; i++) {
            if (leafHashes[i] == null || leafHashes[i].length != Rfc9162.HASH_SIZE) {
                return null;
            }
            range.append(leafHashes[i]);
        }
        return range.root();
    }

    private void report(Problem problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

}
