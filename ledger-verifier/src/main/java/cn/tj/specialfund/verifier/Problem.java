package cn.tj.specialfund.verifier;

/**
 * What is wrong with a log or an export, naming the event where there is one (fields null where unknown).
 * The kinds ALTERED … UNSIGNED are those of {@code GET /api/audit/verify}.
 */
public record Problem(Kind kind, Long leafIndex, Long position, String eventId, String aggregateId, Long sequence,
                      String detail) {

    public enum Kind {
        /** The event's bytes differ from the leaf the tree holds for it, or its fields from its canonical bytes. */
        ALTERED,
        /** The tree holds a leaf whose event is gone, or an aggregate's sequence has a hole. */
        MISSING,
        /** An event that the tree does not hold, or a second event with one aggregate's sequence number. */
        INSERTED,
        /** An event the tree holds at another leaf, or one that comes before an earlier event of its aggregate. */
        REORDERED,
        /** An event without a valid signature by the event key. */
        UNSIGNED,
        /** A checkpoint that is malformed or whose signature by the checkpoint key does not verify. */
        BAD_CHECKPOINT,
        /** The older checkpoint's tree is not a prefix of the newer one's. */
        INCONSISTENT_CHECKPOINTS,
        /** The export does not reproduce the checkpoint's root and no single event can be blamed. */
        TREE_MISMATCH,
        /** An export line that is not valid JSON of the export's shape. */
        MALFORMED_EXPORT,
        /** A proof bundle's inclusion proof that does not lead to its checkpoint's root, or a proof it lacks. */
        BAD_PROOF,
        /** A proof bundle that is not valid JSON of the bundle's shape. */
        MALFORMED_BUNDLE
    }

    static Problem of(Kind kind, AuditEntry entry, String detail) {
        CanonicalEvent event = entry.event();
        return new Problem(kind, entry.leafIndex(), event != null ? Long.valueOf(event.position()) : entry.position(),
                event == null ? null : event.eventId(), event == null ? null : event.aggregateId(),
                event == null ? null : event.sequence(), detail);
    }

    static Problem general(Kind kind, String detail) {
        return new Problem(kind, null, null, null, null, null, detail);
    }

    /** One line for a person: kind, the event's coordinates, what is wrong. */
    public String describe() {
        StringBuilder out = new StringBuilder(kind.name());
        append(out, "leafIndex", leafIndex);
        append(out, "position", position);
        append(out, "eventId", eventId);
        append(out, "aggregateId", aggregateId);
        append(out, "sequence", sequence);
        return out.append(": ").append(detail).toString();
    }

    private static void append(StringBuilder out, String name, Object value) {
        if (value != null) {
            out.append(' ').append(name).append('=').append(value);
        }
    }
}
