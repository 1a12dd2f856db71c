package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.support.audit.EventSigner;
import cn.tj.specialfund.verifier.CanonicalEvent;
import cn.tj.specialfund.verifier.Checkpoint;
import cn.tj.specialfund.verifier.MerkleTree;
import cn.tj.specialfund.verifier.NoteSigner;
import cn.tj.specialfund.verifier.ProofVerifier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree as its tables keep it (H2, the service's migrations): grown by the tree builder in 1 000 batches of 1–9
 * events, a signed checkpoint after each; every checkpoint is consistent with the one before it (and every 25th with the last)
 * (proofs from {@link TransparencyLog}, checked by {@link ProofVerifier}), every root is the root of the leaves
 * recomputed from the rows, and a sample of inclusion proofs verifies.
 */
class TreeStoreConsistencyIT {

    private static final NoteSigner CHECKPOINT_KEY = NoteSigner.generate(Checkpoint.ORIGIN);

    private JdbcTemplate jdbc;
    private TreeBuilder builder;
    private TransparencyLog transparencyLog;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:tree_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        builder = new TreeBuilder(jdbc);
        AuditKeyring keys = new AuditKeyring(CHECKPOINT_KEY.signerKey(), "", "",
                new DefaultListableBeanFactory().getBeanProvider(EventSigner.class), jdbc);
        transparencyLog = new TransparencyLog(jdbc, keys);
    }

    private String appendEvent(Random random) {
        String id = UUID.randomUUID().toString();
        byte[] payload = ("{\"n\":" + random.nextInt() + "}").getBytes(StandardCharsets.UTF_8);
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, 0, 'Application', "
                        + "'2020-09-01T00:00:00Z', 'Example', NULL, ?, NULL)", id, UUID.randomUUID().toString(), payload);
        return id;
    }

    @Test
    void athousandCheckpointsEachExtendTheOneBefore() {
        Random random = new Random(20201201);
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            List<String> batch = new ArrayList<>();
            for (int n = 1 + random.nextInt(9); n > 0; n--) {
                batch.add(appendEvent(random));
            }
            builder.append(batch);
            checkpoints.add(openSigned(transparencyLog.signCheckpoint().note()));
        }
        assertThat(transparencyLog.checkpoints()).hasSize(1000);
        Checkpoint last = checkpoints.get(checkpoints.size() - 1);
        assertThat(last.size()).isEqualTo(transparencyLog.treeSize());
        assertThat(last.rootHash()).isEqualTo(MerkleTree.ofLeafHashes(leafHashesFromRows()).root(last.size()));

        for (int i = 1; i < checkpoints.size(); i++) {
            assertConsistent(checkpoints.get(i - 1), checkpoints.get(i));
            if (i % 25 == 0) {
                assertConsistent(checkpoints.get(i - 1), last);
            }
        }
        for (int i = 0; i < 200; i++) {
            Checkpoint at = checkpoints.get(random.nextInt(checkpoints.size()));
            long leaf = random.nextInt(Math.toIntExact(at.size()));
            TransparencyLog.InclusionProof proof = transparencyLog.inclusionProof(leaf, at.size());
            assertThat(ProofVerifier.verifyInclusion(leaf, at.size(), proof.leafHash(), proof.path(), at.rootHash()))
                    .as("leaf %d of %d", leaf, at.size()).isTrue();
        }
        // a proof between two checkpoints does not pass for another pair's roots
        Checkpoint a = checkpoints.get(10);
        Checkpoint b = checkpoints.get(20);
        assertThat(ProofVerifier.verifyConsistency(a.size(), b.size(),
                transparencyLog.consistencyProof(a.size(), b.size()).path(), checkpoints.get(11).rootHash(),
                b.rootHash())).isFalse();
    }

    @Test
    void aBatchThatHoldsAnEventTwiceOrOneAlreadyALeafAddsItOnce() {
        Random random = new Random(1);
        String first = appendEvent(random);
        String second = appendEvent(random);
        builder.append(List.of(first, second, first));
        builder.append(List.of(second));
        assertThat(transparencyLog.treeSize()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT event_id FROM audit_leaf ORDER BY leaf_index", String.class))
                .containsExactly(first, second);
    }

    private void assertConsistent(Checkpoint older, Checkpoint newer) {
        List<byte[]> path = transparencyLog.consistencyProof(older.size(), newer.size()).path();
        assertThat(ProofVerifier.verifyConsistency(older.size(), newer.size(), path, older.rootHash(), newer.rootHash()))
                .as("%s extends %s", newer, older).isTrue();
    }

    private List<byte[]> leafHashesFromRows() {
        return jdbc.query("SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data FROM domain_event_entry ORDER BY global_index",
                (rs, row) -> EventRows.read(rs, 1)).stream().map(CanonicalEvent::leafHash).toList();
    }

    private static Checkpoint openSigned(String note) {
        try {
            return Checkpoint.open(note, CHECKPOINT_KEY.verifier());
        } catch (cn.tj.specialfund.verifier.NoteException e) {
            throw new AssertionError(e);
        }
    }
}
