package cn.tj.specialfund.verifier;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
    /** Entries whose hashes and signatures are computed together, in parallel. */
    private static final int CHUNK = 4096;

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
     * A log that can be walked more than once, each time in the same order (leaf order; rows no leaf holds
     * wherever they fall): the audit walks it a few times instead of holding it, so that a log of millions of
     * events is checked in the memory of a few thousand (and of its event and aggregate ids).
     */
    public interface Source {
        void forEach(Consumer<AuditEntry> entries);
    }

    /**
     * Audits {@code entries} (in leaf order; rows no leaf holds wherever they fall) against a checkpoint whose
     * signature the caller has verified, and an optional older one (null for none), also verified.
     */
    public static Result audit(List<AuditEntry> entries, Checkpoint checkpoint, List<NoteVerifier> eventKeys,
                               Checkpoint older) {
        return audit(entries::forEach, checkpoint, eventKeys, older);
    }

    /** Audits the log {@code source} walks, as {@link #audit(List, Checkpoint, List, Checkpoint)} does a list. */
    public static Result audit(Source source, Checkpoint checkpoint, List<NoteVerifier> eventKeys, Checkpoint older) {
        return new LogAudit(checkpoint, eventKeys, older).run(source);
    }

    /** An entry with its recomputed leaf hash (null without an event) and its signature's status, both computed once. */
    private record Item(AuditEntry entry, byte[] hash, EventSignatures.Status signature) {
        Long leafIndex() {
            return entry.leafIndex();
        }
    }

    private Item item(AuditEntry entry) {
        boolean usable = usable(entry);
        return new Item(entry, usable ? entry.event().leafHash() : null,
                usable ? EventSignatures.check(entry.event().content(), eventKeys) : null);
    }

    /**
     * The first walk: what the leaves under the checkpoint hash to, stored and recomputed, and whether they come
     * in leaf order 0, 1, 2, … (then their roots need no leaf held in memory).
     */
    private static final class Summary {
        final CompactRange stored = CompactRange.empty();
        final CompactRange recomputed = CompactRange.empty();
        final CompactRange older = CompactRange.empty();
        boolean storedUsable = true;
        boolean recomputedUsable = true;
        boolean olderUsable = true;
        boolean inLeafOrder = true;
        long covered;
        long allLeaves;
        /** Leaves whose event hashes to something else than the stored hash (up to the relocation bound, + 1). */
        final List<AuditEntry> differing = new ArrayList<>();
    }

    private Summary summarize(Source source, long size) {
        Summary summary = new Summary();
        long olderSize = older == null ? 0 : older.size();
        source.forEach(entry -> {
            if (entry.leafIndex() == null) {
                return;
            }
            summary.allLeaves++;
            if (entry.leafIndex() >= size) {
                return;
            }
            byte[] hash = usable(entry) ? entry.event().leafHash() : null;
            if (entry.leafIndex() != summary.covered) {
                summary.inLeafOrder = false;
            }
            if (summary.covered < olderSize) {
                if (hash == null) {
                    summary.olderUsable = false;
                } else {
                    summary.older.append(hash);
                }
            }
            summary.covered++;
            summary.storedUsable = appendIfHash(summary.storedUsable, summary.stored, entry.storedLeafHash());
            summary.recomputedUsable = appendIfHash(summary.recomputedUsable, summary.recomputed, hash);
            if (hash != null && entry.storedLeafHash() != null && !MessageDigest.isEqual(hash, entry.storedLeafHash())
                    && summary.differing.size() <= MAX_RELOCATION_CANDIDATES) {
                summary.differing.add(entry);
            }
        });
        return summary;
    }

    private static boolean appendIfHash(boolean usable, CompactRange range, byte[] hash) {
        if (!usable || hash == null || hash.length != Rfc9162.HASH_SIZE) {
            return false;
        }
        range.append(hash);
        return true;
    }

    private static boolean usable(AuditEntry entry) {
        return entry.event() != null && entry.defect() == null;
    }

    /** Which leaf hash the checkpoint's root vouches for, for a leaf; null if there is no per-leaf truth. */
    private interface Truth {
        byte[] of(AuditEntry leaf, byte[] recomputed);
    }

    private static final Truth STORED = (leaf, recomputed) -> leaf.storedLeafHash();
    private static final Truth RECOMPUTED = (leaf, recomputed) -> recomputed;

    private Result run(Source source) {
        long size = checkpoint.size();
        Summary summary = summarize(source, size);
        Truth truth;
        List<AuditEntry> differing;
        if (summary.inLeafOrder) {
            truth = perLeafTruth(summary, size);
            // with the recomputed hashes as the truth no event differs from its leaf
            differing = truth == STORED ? summary.differing : List.of();
        } else {
            // an export whose lines were moved: the leaves' hashes by index, in memory
            byte[][] byIndex = perLeafTruthByIndex(source, size);
            truth = byIndex == null ? null : (leaf, recomputed) -> byIndex[leaf.leafIndex().intValue()];
            differing = byIndex == null ? List.of() : differingFrom(source, size, truth);
        }
        Map<Long, AuditEntry> moved = truth == null ? Map.of() : movedCandidates(differing, truth);

        IdTable lastSequence = new IdTable(true);
        IdTable eventIds = new IdTable(false);
        long[] walk = new long[4]; // expected leaf, checked, beyond the checkpoint, omission trials
        forEachItem(source, item -> {
            AuditEntry entry = item.entry();
            Long leafIndex = entry.leafIndex();
            if (leafIndex == null) {
                report(Problem.of(Problem.Kind.INSERTED, entry, "the log holds this event but the tree does not"));
                return;
            }
            long expectedLeaf = walk[0];
            if (leafIndex < expectedLeaf) {
                report(Problem.of(leafIndex == expectedLeaf - 1 ? Problem.Kind.INSERTED : Problem.Kind.REORDERED,
                        entry, "leaf " + leafIndex + " comes after leaf " + (expectedLeaf - 1)));
                return;
            }
            if (leafIndex > expectedLeaf) {
                report(new Problem(Problem.Kind.MISSING, expectedLeaf, null, null, null, null,
                        (leafIndex == expectedLeaf + 1 ? "leaf " + expectedLeaf + " is"
                                : "leaves " + expectedLeaf + " to " + (leafIndex - 1) + " are") + " not in the export"));
            }
            walk[0] = leafIndex + 1;
            walk[1]++;
            boolean covered = leafIndex < size;
            if (!covered) {
                walk[2]++;
            }
            if (entry.defect() != null) {
                report(Problem.of(Problem.Kind.ALTERED, entry, entry.defect()));
                return;
            }
            CanonicalEvent event = entry.event();
            if (event == null) {
                report(Problem.of(Problem.Kind.MISSING, entry, "the tree holds this leaf but its event is gone"));
                return;
            }
            EventSignatures.Status signature = item.signature();
            if (covered && truth != null && !MessageDigest.isEqual(item.hash(), truth.of(entry, item.hash()))) {
                AuditEntry original = moved.get(leafIndex);
                report(original != null
                        ? Problem.of(Problem.Kind.REORDERED, entry, "this event is the tree's leaf "
                        + original.leafIndex() + ", at position " + original.position())
                        : Problem.of(Problem.Kind.ALTERED, entry, "its bytes do not hash to the tree's leaf"));
            } else if (signature != EventSignatures.Status.VALID) {
                if (covered && truth == null) {
                    boolean inserted = walk[3]++ < MAX_OMISSION_TRIALS
                            && rootWithout(source, entry, summary.allLeaves, size);
                    report(Problem.of(inserted ? Problem.Kind.INSERTED : Problem.Kind.ALTERED, entry, inserted
                            ? "without this event the log has the checkpoint's root"
                            : "the log does not have the checkpoint's root and this event's signature does not verify"));
                } else {
                    report(Problem.of(Problem.Kind.UNSIGNED, entry, signature == EventSignatures.Status.MISSING
                            ? "it carries no signature" : "its signature does not verify with the event key"));
                }
            }
            checkSequence(entry, lastSequence, eventIds);
        });
        if (walk[0] < size) {
            report(new Problem(Problem.Kind.MISSING, walk[0], null, null, null, null,
                    "the checkpoint has " + size + " leaves, the export ends after " + walk[0]));
        }
        if (problems.isEmpty() && truth == null) {
            report(Problem.general(Problem.Kind.TREE_MISMATCH,
                    "the events do not have the checkpoint's root, and no single event explains it"));
        }
        if (problems.isEmpty() && older != null) {
            checkOlder(summary);
        }
        return new Result(walk[1], size, walk[2], List.copyOf(problems));
    }

    /** Walks the source with each entry's hash and signature status, computed a few thousand at a time in parallel. */
    private void forEachItem(Source source, Consumer<Item> consumer) {
        List<AuditEntry> chunk = new ArrayList<>(CHUNK);
        source.forEach(entry -> {
            chunk.add(entry);
            if (chunk.size() == CHUNK) {
                // hashing and signature checks are independent per event and most of the work: spread them
                // over the cores
                chunk.parallelStream().map(this::item).toList().forEach(consumer);
                chunk.clear();
            }
        });
        chunk.parallelStream().map(this::item).toList().forEach(consumer);
    }

    /** Leaves in leaf order: the stored hashes if they give the checkpoint's root, else the recomputed ones if they do. */
    private Truth perLeafTruth(Summary summary, long size) {
        if (summary.covered != size) {
            return null;
        }
        if (summary.storedUsable && MessageDigest.isEqual(summary.stored.root(), checkpoint.rootHash())) {
            return STORED;
        }
        if (summary.recomputedUsable && MessageDigest.isEqual(summary.recomputed.root(), checkpoint.rootHash())) {
            return RECOMPUTED;
        }
        return null;
    }

    /** The leaf hashes that the checkpoint's root vouches for, by leaf index, or null if neither set does. */
    private byte[][] perLeafTruthByIndex(Source source, long size) {
        if (size > Integer.MAX_VALUE) {
            return null;
        }
        byte[][] stored = new byte[(int) size][];
        byte[][] recomputed = new byte[(int) size][];
        long[] covered = new long[1];
        source.forEach(entry -> {
            if (entry.leafIndex() != null && entry.leafIndex() < size) {
                covered[0]++;
                int i = entry.leafIndex().intValue();
                stored[i] = entry.storedLeafHash();
                recomputed[i] = usable(entry) ? entry.event().leafHash() : null;
            }
        });
        if (covered[0] != size) {
            return null;
        }
        for (byte[][] candidate : new byte[][][]{stored, recomputed}) {
            byte[] root = rootOf(candidate);
            if (root != null && MessageDigest.isEqual(root, checkpoint.rootHash())) {
                return candidate;
            }
        }
        return null;
    }

    private static List<AuditEntry> differingFrom(Source source, long size, Truth truth) {
        List<AuditEntry> differing = new ArrayList<>();
        source.forEach(entry -> {
            if (entry.leafIndex() != null && entry.leafIndex() < size && usable(entry)) {
                byte[] hash = entry.event().leafHash();
                if (!MessageDigest.isEqual(hash, truth.of(entry, hash))
                        && differing.size() <= MAX_RELOCATION_CANDIDATES) {
                    differing.add(entry);
                }
            }
        });
        return differing;
    }

    /** Events that hash to another leaf that differs, once given that leaf's position: leaf index → that leaf. */
    private static Map<Long, AuditEntry> movedCandidates(List<AuditEntry> differing, Truth truth) {
        Map<Long, AuditEntry> moved = new HashMap<>();
        if (differing.size() > MAX_RELOCATION_CANDIDATES) {
            return moved;
        }
        for (AuditEntry entry : differing) {
            for (AuditEntry other : differing) {
                if (other != entry && other.position() != null
                        && MessageDigest.isEqual(new CanonicalEvent(other.position(), entry.event().content()).leafHash(),
                        truth.of(other, other.event().leafHash()))) {
                    moved.put(entry.leafIndex(), other);
                    break;
                }
            }
        }
        return moved;
    }

    private void checkSequence(AuditEntry entry, IdTable lastSequence, IdTable eventIds) {
        CanonicalEvent event = entry.event();
        if (eventIds.put(event.eventId(), 0) != IdTable.ABSENT) {
            report(Problem.of(Problem.Kind.INSERTED, entry, "a second event with this event id"));
            return;
        }
        long last = lastSequence.get(event.aggregateId(), -1L);
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

    /** Whether the leaves without {@code left} (the walk's entry at its leaf index) have the checkpoint's root. */
    private boolean rootWithout(Source source, AuditEntry left, long allLeaves, long size) {
        if (allLeaves != size + 1 && allLeaves != size) {
            return false;
        }
        CompactRange range = CompactRange.empty();
        boolean[] state = {false, true}; // skipped, every other leaf has a hash
        source.forEach(entry -> {
            if (entry.leafIndex() == null || !state[1]) {
                return;
            }
            if (!state[0] && entry.leafIndex().equals(left.leafIndex())
                    && java.util.Objects.equals(entry.position(), left.position())) {
                state[0] = true;
                return;
            }
            if (!usable(entry)) {
                state[1] = false;
                return;
            }
            range.append(entry.event().leafHash());
        });
        return state[1] && range.size() == size && MessageDigest.isEqual(range.root(), checkpoint.rootHash());
    }

    private void checkOlder(Summary summary) {
        if (older.size() > checkpoint.size()) {
            report(Problem.general(Problem.Kind.INCONSISTENT_CHECKPOINTS, "the older checkpoint has " + older.size()
                    + " leaves, more than the " + checkpoint.size() + " of the newer one"));
            return;
        }
        if (!summary.olderUsable || summary.older.size() != older.size()
                || !MessageDigest.isEqual(summary.older.root(), older.rootHash())) {
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
