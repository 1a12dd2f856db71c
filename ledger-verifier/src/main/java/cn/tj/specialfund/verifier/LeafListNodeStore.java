package cn.tj.specialfund.verifier;

import java.util.List;

/**
 * A {@link NodeStore} over a list of leaf hashes that computes each perfect subtree when asked (O(2^level) hashes),
 * for one-off proofs over leaves held in memory.
 */
public final class LeafListNodeStore implements NodeStore {

    private final List<byte[]> leafHashes;

    public LeafListNodeStore(List<byte[]> leafHashes) {
        this.leafHashes = leafHashes;
    }

    @Override
    public byte[] get(int level, long index) {
        long first = index << level;
        long width = 1L << level;
        if (level < 0 || level > 62 || index < 0 || first + width > leafHashes.size()) {
            throw new IllegalStateException("no complete subtree at level " + level + ", index " + index);
        }
        return perfect((int) first, level);
    }

    private byte[] perfect(int first, int level) {
        if (level == 0) {
            return leafHashes.get(first);
        }
        int half = 1 << (level - 1);
        return Rfc9162.nodeHash(perfect(first, level - 1), perfect(first + half, level - 1));
    }
}
