package cn.tj.specialfund.query.audit;

import cn.tj.specialfund.verifier.CanonicalEvent;
import cn.tj.specialfund.verifier.ProofBundle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One application's proof bundle (docs/tamper-evidence.md): its event rows exactly as stored, each with its leaf and
 * its inclusion proof in the tree of the latest signed checkpoint, and that checkpoint.
 */
@Service
public class ProofBundles {

    private final JdbcTemplate jdbc;
    private final TransparencyLog transparencyLog;

    ProofBundles(JdbcTemplate jdbc, TransparencyLog transparencyLog) {
        this.jdbc = jdbc;
        this.transparencyLog = transparencyLog;
    }

    /** The bundle's JSON text for the events of {@code aggregateId}, which the caller knows to exist. */
    public String of(String aggregateId) {
        List<CanonicalEvent> events = jdbc.query("SELECT " + EventRows.columns("") + " FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", (rs, row) -> EventRows.read(rs, 1), aggregateId);
        // The checkpoint first: a leaf appended after it is simply beyond it (a leaf never changes once written).
        TransparencyLog.SignedCheckpoint checkpoint = transparencyLog.latestCheckpoint();
        Map<String, TransparencyLog.Leaf> leaves = transparencyLog.leavesOf(
                events.stream().map(CanonicalEvent::eventId).toList());
        List<ProofBundle.Proved> proved = new ArrayList<>(events.size());
        for (CanonicalEvent event : events) {
            TransparencyLog.Leaf leaf = leaves.get(event.eventId());
            boolean covered = leaf != null && leaf.leafIndex() < checkpoint.treeSize();
            proved.add(new ProofBundle.Proved(leaf == null ? null : leaf.leafIndex(), leaf == null ? null : leaf.leafHash(),
                    event, covered ? transparencyLog.inclusionProof(leaf.leafIndex(), checkpoint.treeSize()).path() : null));
        }
        return ProofBundle.write(aggregateId, checkpoint.treeSize(), checkpoint.note(), proved);
    }
}
