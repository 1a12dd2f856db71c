package cn.tj.specialfund.verifier;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies inclusion and consistency proofs (RFC 9162 §2.1.3.2 and §2.1.4.2), in the formulation of
 * github.com/transparency-dev/merkle (proof/verify.go). Sizes and indexes are unsigned 64-bit values, as in the
 * published test vectors.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /** Whether {@code proof} shows that {@code leafHash} is leaf {@code leafIndex} of the tree with {@code root}. */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof,
                                          byte[] root) {
        try {
            return MessageDigest.isEqual(rootFromInclusionProof(leafIndex, treeSize, leafHash, proof), root);
        } catch (InvalidProofException e) {
            return false;
        }
    }

    /** The root that an inclusion proof implies; throws if the proof has the wrong shape. */
    public static byte[] rootFromInclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof) {
        if (Long.compareUnsigned(leafIndex, treeSize) >= 0) {
            throw new InvalidProofException("leaf index " + Long.toUnsignedString(leafIndex)
                    + " is beyond tree size " + Long.toUnsignedString(treeSize));
        }
        requireHash(leafHash, "leaf hash");
        proof.forEach(h -> requireHash(h, "proof element"));
        int inner = innerProofSize(leafIndex, treeSize);
        int border = Long.bitCount(leafIndex >>> inner);
        if (proof.size() != inner + border) {
            throw new InvalidProofException("proof has " + proof.size() + " elements, expected " + (inner + border));
        }
        byte[] hash = chainInner(leafHash, proof.subList(0, inner), leafIndex);
        return chainBorderRight(hash, proof.subList(inner, proof.size()));
    }

    /**
     * Whether {@code proof} shows that the tree (size1, root1) is a prefix of the tree (size2, root2). The empty tree
     * is a prefix of every tree, but no proof shows it (size1 = 0 is refused, as the published vectors require):
     * a caller holding no checkpoint yet has nothing to check.
     */
    public static boolean verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        if (size1 == 0 || Long.compareUnsigned(size2, size1) < 0) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] h : proof) {
            if (h == null || h.length != Rfc9162.HASH_SIZE) {
                return false;
            }
        }
        int inner = innerProofSize(size1 - 1, size2);
        int shift = Long.numberOfTrailingZeros(size1);
        inner -= shift;
        byte[] seed;
        int start;
        if (size1 == 1L << shift) {
            seed = root1;
            start = 0;
        } else {
            seed = proof.get(0);
            start = 1;
        }
        int border = Long.bitCount((size1 - 1) >>> (inner + shift));
        if (proof.size() != start + inner + border) {
            return false;
        }
        List<byte[]> rest = proof.subList(start, proof.size());
        long mask = (size1 - 1) >>> shift;
        byte[] hash1 = chainBorderRight(chainInnerRight(seed, rest.subList(0, inner), mask),
                rest.subList(inner, rest.size()));
        if (!MessageDigest.isEqual(hash1, root1)) {
            return false;
        }
        byte[] hash2 = chainBorderRight(chainInner(seed, rest.subList(0, inner), mask),
                rest.subList(inner, rest.size()));
        return MessageDigest.isEqual(hash2, root2);
    }

    private static int innerProofSize(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            seed = ((index >>> i) & 1) == 0 ? Rfc9162.nodeHash(seed, proof.get(i)) : Rfc9162.nodeHash(proof.get(i), seed);
        }
        return seed;
    }

    private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            if (((index >>> i) & 1) == 1) {
                seed = Rfc9162.nodeHash(proof.get(i), seed);
            }
        }
        return seed;
    }

    private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
        for (byte[] h : proof) {
            seed = Rfc9162.nodeHash(h, seed);
        }
        return seed;
    }

    private static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != Rfc9162.HASH_SIZE) {
            throw new InvalidProofException(what + " is not a " + Rfc9162.HASH_SIZE + "-byte hash");
        }
    }

    /** A proof that cannot be right whatever the root: wrong length, index out of range, malformed hash. */
    public static final class InvalidProofException extends RuntimeException {
        public InvalidProofException(String message) {
            super(message);
        }
    }
}
