package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.tj.specialfund.verifier.SharedVectors.base64;
import static cn.tj.specialfund.verifier.SharedVectors.hex;
import static cn.tj.specialfund.verifier.SharedVectors.list;
import static cn.tj.specialfund.verifier.SharedVectors.u64;
import static org.assertj.core.api.Assertions.assertThat;

/** The hashing, the tree and the proofs against transparency-dev/merkle's vectors (RFC 6962 reference tree). */
class MerkleVectorsTest {

    private static final Map<String, Object> VECTORS = SharedVectors.load("merkle_vectors.json");

    @Test
    void hasherMatchesTheRfcVectors() {
        for (Map<String, Object> v : list(VECTORS, "hasher")) {
            byte[] got = switch ((String) v.get("fn")) {
                case "empty" -> Rfc9162.emptyRoot();
                case "leaf" -> Rfc9162.leafHash(hex(v.get("input_hex")));
                case "children" -> Rfc9162.nodeHash(hex(v.get("left_hex")), hex(v.get("right_hex")));
                default -> throw new AssertionError("unknown hasher vector " + v.get("fn"));
            };
            assertThat(got).as((String) v.get("desc")).isEqualTo(hex(v.get("want")));
        }
    }

    @Test
    void rootsOfEveryPrefixOfTheReferenceTree() {
        List<byte[]> leaves = referenceLeafHashes();
        @SuppressWarnings("unchecked") List<Object> roots = (List<Object>) tree().get("root_hashes_hex_by_size");
        CompactRange range = CompactRange.empty();
        InMemoryNodeStore store = new InMemoryNodeStore();
        assertThat(range.root()).isEqualTo(hex(roots.get(0)));
        for (int size = 1; size < roots.size(); size++) {
            range.append(leaves.get(size - 1), store);
            assertThat(range.root()).as("compact range, size %d", size).isEqualTo(hex(roots.get(size)));
            assertThat(new MerkleTree(store).root(size)).as("node store, size %d", size).isEqualTo(hex(roots.get(size)));
            assertThat(MerkleTree.ofLeafHashes(leaves.subList(0, size)).root(size)).isEqualTo(hex(roots.get(size)));
        }
    }

    @Test
    void storedNodesAreTheReferenceTreesNodes() {
        List<byte[]> leaves = referenceLeafHashes();
        InMemoryNodeStore store = new InMemoryNodeStore();
        CompactRange range = CompactRange.empty();
        leaves.forEach(leaf -> range.append(leaf, store));
        @SuppressWarnings("unchecked") List<List<Object>> levels = (List<List<Object>>) tree().get("node_hashes_hex_by_level");
        for (int level = 0; level < levels.size(); level++) {
            for (int index = 0; index < levels.get(level).size(); index++) {
                assertThat(store.get(level, index)).as("node %d/%d", level, index)
                        .isEqualTo(hex(levels.get(level).get(index)));
            }
        }
    }

    @Test
    void inclusionAndConsistencyPathsOfTheReferenceTree() {
        MerkleTree tree = MerkleTree.ofLeafHashes(referenceLeafHashes());
        for (Map<String, Object> v : list(VECTORS, "inclusion_paths")) {
            long index = u64(v.get("leafIndex"));
            long size = u64(v.get("treeSize"));
            assertThat(tree.inclusionProof(index, size)).as("inclusion %d of %d", index, size)
                    .containsExactlyElementsOf(hexList(v.get("path")));
        }
        for (Map<String, Object> v : list(VECTORS, "consistency_paths")) {
            long size1 = u64(v.get("size1"));
            long size2 = u64(v.get("size2"));
            assertThat(tree.consistencyProof(size1, size2)).as("consistency %d to %d", size1, size2)
                    .containsExactlyElementsOf(hexList(v.get("path")));
        }
    }

    @Test
    void inclusionProbesVerifyExactlyWhenTheyShould() {
        assertProbes("inclusion_probes", v -> ProofVerifier.verifyInclusion(u64(v.get("leafIdx")),
                u64(v.get("treeSize")), base64(v.get("leafHash")), base64List(v.get("proof")), base64(v.get("root"))));
    }

    @Test
    void consistencyProbesVerifyExactlyWhenTheyShould() {
        assertProbes("consistency_probes", v -> ProofVerifier.verifyConsistency(u64(v.get("size1")),
                u64(v.get("size2")), base64List(v.get("proof")), base64(v.get("root1")), base64(v.get("root2"))));
    }

    /** Each probe verifies exactly when it is not marked wantErr. */
    private static void assertProbes(String name, java.util.function.Predicate<Map<String, Object>> verifies) {
        List<Map<String, Object>> probes = list(VECTORS, name);
        assertThat(probes).hasSizeGreaterThan(90);
        for (Map<String, Object> v : probes) {
            assertThat(verifies.test(v)).as("%s (%s)", v.get("desc"), v.get("file")).isEqualTo(!(Boolean) v.get("wantErr"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree() {
        return (Map<String, Object>) VECTORS.get("tree");
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> referenceLeafHashes() {
        List<byte[]> leaves = new ArrayList<>();
        for (Object input : (List<Object>) tree().get("leaf_inputs_hex")) {
            leaves.add(Rfc9162.leafHash(hex(input)));
        }
        return leaves;
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> hexList(Object values) {
        List<byte[]> out = new ArrayList<>();
        ((List<Object>) values).forEach(v -> out.add(hex(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> base64List(Object values) {
        List<byte[]> out = new ArrayList<>();
        if (values != null) {
            ((List<Object>) values).forEach(v -> out.add(base64(v)));
        }
        return out;
    }
}
