package cn.tj.specialfund.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The incremental form of a tree: the roots of the perfect subtrees that make up its leaves, largest (leftmost)
 * first, one per set bit of the size (the "compact range" [0, size), or frontier). Appending a leaf merges equal
 * subtrees, O(log n) hashes; the root folds them, O(log n) hashes. A tree builder keeps one in memory, hands the
 * nodes each append completes to a {@link NodeSink} (its table), and restores it from a {@link NodeStore} with
 * {@link #fromStore}.
 */
public final class CompactRange {

    private long size;
    private final List<byte[]> subtrees;

    private CompactRange(long size, List<byte[]> subtrees) {
        this.size = size;
        this.subtrees = subtrees;
    }

    public static CompactRange empty() {
        return new CompactRange(0, new ArrayList<>());
    }

    /** A compact range from its parts, as {@link #subtreeRoots()} returned them. */
    public static CompactRange of(long size, List<byte[]> subtreeRoots) {
        if (size < 0 || Long.bitCount(size) != subtreeRoots.size()) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Math.max(0, Long.bitCount(size))
                    + " perfect subtrees, not " + subtreeRoots.size());
        }
        List<byte[]> copy = new ArrayList<>();
        subtreeRoots.forEach(h -> copy.add(h.clone()));
        return new CompactRange(size, copy);
    }

    /** Reads the perfect subtrees of the tree of {@code size} leaves: one read per set bit of size. */
    public static CompactRange fromStore(NodeStore nodes, long size) {
        List<byte[]> roots = new ArrayList<>();
        for (long[] node : subtreePositions(size)) {
            roots.add(nodes.get((int) node[0], node[1]));
        }
        return new CompactRange(size, roots);
    }

    /**
     * The (level, index) of each perfect subtree of the tree of {@code size} leaves, largest first: the nodes
     * {@link #fromStore} reads, for a store that reads them all at once and hands them to {@link #of}.
     */
    public static List<long[]> subtreePositions(long size) {
        List<long[]> positions = new ArrayList<>();
        long start = 0;
        for (int level = 63 - Long.numberOfLeadingZeros(Math.max(size, 1)); level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                positions.add(new long[]{level, start >> level});
                start += 1L << level;
            }
        }
        return positions;
    }

    /** Appends a leaf hash, handing the leaf and every subtree it completes to {@code sink}; returns the new size. */
    public long append(byte[] leafHash, NodeSink sink) {
        if (leafHash.length != Rfc9162.HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash has " + Rfc9162.HASH_SIZE + " bytes");
        }
        byte[] hash = leafHash.clone();
        long index = size;
        sink.put(0, index, hash);
        int level = 0;
        while (((size >>> level) & 1) == 1) {
            hash = Rfc9162.nodeHash(subtrees.remove(subtrees.size() - 1), hash);
            level++;
            index >>>= 1;
            sink.put(level, index, hash);
        }
        subtrees.add(hash);
        return ++size;
    }

    public long append(byte[] leafHash) {
        return append(leafHash, NodeSink.DISCARD);
    }

    public byte[] root() {
        if (subtrees.isEmpty()) {
            return Rfc9162.emptyRoot();
        }
        byte[] hash = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            hash = Rfc9162.nodeHash(subtrees.get(i), hash);
        }
        return hash;
    }

    public long size() {
        return size;
    }

    /** The perfect subtrees' roots, largest first (what a tree builder may keep beside its size). */
    public List<byte[]> subtreeRoots() {
        List<byte[]> copy = new ArrayList<>();
        subtrees.forEach(h -> copy.add(h.clone()));
        return copy;
    }
}
