package cn.tj.specialfund.verifier;

/**
 * One item of a log as an auditor sees it, in leaf order: the leaf index and hash that the tree keeps
 * ({@code leafIndex} null for an event row no leaf holds), the event's position, and the event its bytes encode
 * ({@code event} null when the row is gone). {@code defect} says why the item cannot be trusted on its face
 * (its canonical bytes do not decode, or an export's fields disagree with them), null when none.
 */
public record AuditEntry(Long leafIndex, byte[] storedLeafHash, Long position, CanonicalEvent event, String defect) {

    /** An event row at its leaf, as the server's self-check reads it (stored hash from the tree table). */
    public static AuditEntry leaf(long leafIndex, byte[] storedLeafHash, CanonicalEvent event) {
        return new AuditEntry(leafIndex, storedLeafHash, event.position(), event, null);
    }

    /** A leaf whose event row is gone. */
    public static AuditEntry missingRow(long leafIndex, byte[] storedLeafHash, long position) {
        return new AuditEntry(leafIndex, storedLeafHash, position, null, null);
    }

    /** An event row that no leaf holds. */
    public static AuditEntry notInTree(CanonicalEvent event) {
        return new AuditEntry(null, null, event.position(), event, null);
    }

    /** The entry an export line stands for, its view checked against its canonical bytes. */
    public static AuditEntry of(ExportLine line) {
        if (line.canonical() == null) {
            return new AuditEntry(line.leafIndex(), line.leafHash(), line.position(), null, null);
        }
        CanonicalEvent event;
        try {
            event = CanonicalEvent.decode(line.canonical());
        } catch (IllegalArgumentException e) {
            return new AuditEntry(line.leafIndex(), line.leafHash(), line.position(), null,
                    "its canonical bytes encode no event: " + e.getMessage());
        }
        String mismatch = line.viewMismatch(event);
        return new AuditEntry(line.leafIndex(), line.leafHash(), line.position(), event,
                mismatch == null ? null : "its \"" + mismatch + "\" differs from its canonical bytes");
    }
}
