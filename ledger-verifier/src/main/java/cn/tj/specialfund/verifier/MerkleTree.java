package cn.tj.specialfund.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Roots and proofs (RFC 9162 §2.1.1–2.1.4) of a tree of {@code size} leaves, read from the perfect subtrees in a
 * {@link NodeStore}. Each proof element is either one stored node or the root of the ragged right edge of a
 * subtree, which is hashed from at most log n stored nodes and occurs at most once per proof, so a root or a
 * proof costs O(log n) reads.
 */
public final class MerkleTree {

    private final NodeStore nodes;

    public MerkleTree(NodeStore nodes) {
        this.nodes = nodes;
    }

    /** The tree over leaves held in memory (their hashes). */
    public static MerkleTree ofLeafHashes(List<byte[]> leafHashes) {
        return new MerkleTree(new LeafListNodeStore(leafHashes));
    }

    /** MTH(D[0:size]). */
    public byte[] root(long size) {
        requireNonNegative(size, "tree size");
        return size == 0 ? Rfc9162.emptyRoot() : subtree(0, size);
    }

    /** PATH(leafIndex, D[0:size]): the audit path of one leaf, from the leaf up. */
    public List<byte[]> inclusionProof(long leafIndex, long size) {
        if (leafIndex < 0 || leafIndex >= size) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(leafIndex, 0, size, path);
        return path;
    }

    /** PROOF(size1, D[0:size2]): shows that the tree of size1 is a prefix of the tree of size2. */
    public List<byte[]> consistencyProof(long size1, long size2) {
        requireNonNegative(size1, "size1");
        if (size1 > size2) {
            throw new IllegalArgumentException("size1 " + size1 + " is greater than size2 " + size2);
        }
        List<byte[]> proof = new ArrayList<>();
        if (size1 > 0 && size1 < size2) {
            subproof(size1, 0, size2, true, proof);
        }
        return proof;
    }

    private void path(long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        long k = Rfc9162.splitPoint(n);
        if (m < k) {
            path(m, start, k, out);
            out.add(subtree(start + k, n - k));
        } else {
            path(m - k, start + k, n - k, out);
            out.add(subtree(start, k));
        }
    }

    private void subproof(long m, long start, long n, boolean wholeOldTree, List<byte[]> out) {
        if (m == n) {
            if (!wholeOldTree) {
                out.add(subtree(start, n));
            }
            return;
        }
        long k = Rfc9162.splitPoint(n);
        if (m <= k) {
            subproof(m, start, k, wholeOldTree, out);
            out.add(subtree(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, out);
            out.add(subtree(start, k));
        }
    }

    /** MTH(D[start:start+size]); start is always a multiple of the largest power of two ≤ size here. */
    private byte[] subtree(long start, long size) {
        if (Long.bitCount(size) == 1 && start % size == 0) {
            int level = Long.numberOfTrailingZeros(size);
            return nodes.get(level, start >> level);
        }
        long k = Rfc9162.splitPoint(size);
        return Rfc9162.nodeHash(subtree(start, k), subtree(start + k, size - k));
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " may not be negative: " + value);
        }
    }
}
