package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every inclusion and consistency proof of every tree up to 64 leaves, from stored nodes, against a direct
 * transcription of RFC 9162's definitions; each verifies, and fails once any bit of it is flipped.
 */
class MerklePropertiesTest {

    private static final int MAX_SIZE = 64;

    @Test
    void storedNodesGiveTheRfcRootsAndProofsAndTheyVerify() {
        List<byte[]> leaves = leaves(MAX_SIZE);
        InMemoryNodeStore store = new InMemoryNodeStore();
        CompactRange range = CompactRange.empty();
        MerkleTree tree = new MerkleTree(store);
        for (int n = 1; n <= MAX_SIZE; n++) {
            range.append(leaves.get(n - 1), store);
            List<byte[]> prefix = leaves.subList(0, n);
            byte[] root = Reference.mth(prefix);
            assertThat(range.root()).isEqualTo(root);
            assertThat(tree.root(n)).isEqualTo(root);
            assertThat(CompactRange.fromStore(store, n).root()).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = tree.inclusionProof(m, n);
                assertThat(path).as("PATH(%d, D[%d])", m, n).containsExactlyElementsOf(Reference.path(m, prefix));
                assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), path, root)).isTrue();
                assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get((m + 1) % n), path, root)).isEqualTo(n == 1);
                for (List<byte[]> flipped : flips(path)) {
                    assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), flipped, root)).isFalse();
                }
            }
            for (int m = 0; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                byte[] oldRoot = Reference.mth(leaves.subList(0, m));
                assertThat(proof).as("PROOF(%d, D[%d])", m, n).containsExactlyElementsOf(Reference.proof(m, prefix));
                assertThat(ProofVerifier.verifyConsistency(m, n, proof, oldRoot, root)).isEqualTo(m > 0);
                for (List<byte[]> flipped : flips(proof)) {
                    assertThat(ProofVerifier.verifyConsistency(m, n, flipped, oldRoot, root)).isFalse();
                }
                if (m > 0 && m < n) {
                    byte[] otherOld = Reference.mth(leaves(m + 1).subList(1, m + 1));
                    assertThat(ProofVerifier.verifyConsistency(m, n, proof, otherOld, root)).isFalse();
                }
            }
        }
    }

    @Test
    void aProofCostsLogarithmicallyManyReads() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        CompactRange range = CompactRange.empty();
        int n = 100_003;
        for (int i = 0; i < n; i++) {
            range.append(leafHash(i), store);
        }
        MerkleTree tree = new MerkleTree(store);
        long before = store.reads();
        tree.root(n);
        tree.inclusionProof(n / 3, n);
        tree.inclusionProof(n - 1, n);
        tree.consistencyProof(n / 2 + 7, n);
        CompactRange.fromStore(store, n);
        // log2(100 003) ≈ 17: a handful of times that, nowhere near n.
        assertThat(store.reads() - before).isLessThan(5 * 2 * 17);
        assertThat(CompactRange.fromStore(store, n).root()).isEqualTo(range.root());
    }

    @Test
    void aThousandCheckpointsEachExtendTheLastAndTheFirst() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        CompactRange range = CompactRange.empty();
        MerkleTree tree = new MerkleTree(store);
        java.util.Random random = new java.util.Random(1000);
        List<long[]> sizes = new ArrayList<>();
        List<byte[]> roots = new ArrayList<>();
        for (int checkpoint = 0; checkpoint < 1000; checkpoint++) {
            for (int i = random.nextInt(7); i >= 0; i--) {
                range.append(leafHash((int) range.size()), store);
            }
            sizes.add(new long[]{range.size()});
            roots.add(range.root());
            int last = sizes.size() - 1;
            for (int earlier : new int[]{Math.max(0, last - 1), 0, random.nextInt(last + 1)}) {
                long from = sizes.get(earlier)[0];
                long to = range.size();
                assertThat(ProofVerifier.verifyConsistency(from, to, tree.consistencyProof(from, to),
                        roots.get(earlier), roots.get(last))).as("%d -> %d", from, to).isTrue();
            }
            long leaf = random.nextLong(range.size());
            assertThat(ProofVerifier.verifyInclusion(leaf, range.size(), leafHash((int) leaf),
                    tree.inclusionProof(leaf, range.size()), range.root())).isTrue();
        }
    }

    @Test
    void aCompactRangeRoundTripsThroughItsParts() {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < 45; i++) {
            range.append(leafHash(i));
        }
        CompactRange restored = CompactRange.of(range.size(), range.subtreeRoots());
        restored.append(leafHash(45));
        range.append(leafHash(45));
        assertThat(restored.root()).isEqualTo(range.root());
        assertThat(range.subtreeRoots()).hasSize(Long.bitCount(46));
    }

    private static List<List<byte[]>> flips(List<byte[]> proof) {
        List<List<byte[]>> out = new ArrayList<>();
        for (int i = 0; i < proof.size(); i++) {
            for (int bit : new int[]{0, 77, 255}) {
                List<byte[]> copy = new ArrayList<>(proof);
                byte[] element = copy.get(i).clone();
                element[bit / 8] ^= (byte) (1 << (bit % 8));
                copy.set(i, element);
                out.add(copy);
            }
        }
        return out;
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(leafHash(i));
        }
        return leaves;
    }

    private static byte[] leafHash(int i) {
        return Rfc9162.leafHash(ByteBuffer.allocate(4).putInt(i).array());
    }

    /** RFC 9162 §2.1.1–2.1.4 written out as the RFC states them, over lists of leaf hashes. */
    private static final class Reference {
        static byte[] mth(List<byte[]> d) {
            if (d.isEmpty()) {
                return Rfc9162.emptyRoot();
            }
            if (d.size() == 1) {
                return d.get(0);
            }
            int k = k(d.size());
            return Rfc9162.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
        }

        static List<byte[]> path(int m, List<byte[]> d) {
            List<byte[]> out = new ArrayList<>();
            if (d.size() <= 1) {
                return out;
            }
            int k = k(d.size());
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(path(m - k, d.subList(k, d.size())));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        static List<byte[]> proof(int m, List<byte[]> d) {
            return m == 0 || m == d.size() ? new ArrayList<>() : subproof(m, d, true);
        }

        static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
            List<byte[]> out = new ArrayList<>();
            if (m == d.size()) {
                if (!b) {
                    out.add(mth(d));
                }
                return out;
            }
            int k = k(d.size());
            if (m <= k) {
                out.addAll(subproof(m, d.subList(0, k), b));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(subproof(m - k, d.subList(k, d.size()), false));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        static int k(int n) {
            int k = 1;
            while (k << 1 < n) {
                k <<= 1;
            }
            return k;
        }
    }
}
