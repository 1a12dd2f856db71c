package cn.tj.specialfund.verifier;

/**
 * An event at its position in the log, and the bytes that are its Merkle leaf:
 * <pre>
 * text(LEAF_TAG) ‖ u64(position) ‖ text(eventId) ‖ text(aggregateId) ‖ u64(sequence) ‖ optional text(type)
 *   ‖ text(timestamp) ‖ text(payloadType) ‖ optional text(payloadRevision) ‖ bytes(payload) ‖ optional bytes(metadata)
 * </pre>
 * (field encoding in {@link CanonicalBytes}): the row's columns exactly as stored, metadata and its signature
 * included, so the tree commits to every byte of the row. The leaf hash is {@code SHA-256(0x00 ‖ leafBytes)}.
 */
public record CanonicalEvent(long position, EventContent content) {

    static final String LEAF_TAG = "special-fund-ledger/event-leaf/v1";

    public CanonicalEvent {
        if (position < 0) {
            throw new IllegalArgumentException("a position is not negative");
        }
        java.util.Objects.requireNonNull(content, "content");
    }

    public CanonicalEvent(long position, String eventId, String aggregateId, long sequence, String type,
                          String timestamp, String payloadType, String payloadRevision, byte[] payload,
                          byte[] metadata) {
        this(position, new EventContent(eventId, aggregateId, sequence, type, timestamp, payloadType,
                payloadRevision, payload, metadata));
    }

    public byte[] leafBytes() {
        CanonicalBytes.Writer out = new CanonicalBytes.Writer().text(LEAF_TAG).u64(position);
        content.writeColumns(out);
        return out.bytes(content.payload()).optionalBytes(content.metadata()).toByteArray();
    }

    public byte[] leafHash() {
        return Rfc9162.leafHash(leafBytes());
    }

    /** The event that {@code leafBytes} encode; throws {@link IllegalArgumentException} if they encode none. */
    public static CanonicalEvent decode(byte[] leafBytes) {
        return CanonicalBytes.Reader.decode(leafBytes, in -> {
            if (!LEAF_TAG.equals(in.text())) {
                throw new IllegalArgumentException("not an event leaf (tag " + LEAF_TAG + ")");
            }
            long position = in.u64();
            String eventId = in.text();
            String aggregateId = in.text();
            long sequence = in.u64();
            String type = in.optionalText();
            String timestamp = in.text();
            String payloadType = in.text();
            String payloadRevision = in.optionalText();
            byte[] payload = in.bytes();
            byte[] metadata = in.optionalBytes();
            return new CanonicalEvent(position, eventId, aggregateId, sequence, type, timestamp, payloadType,
                    payloadRevision, payload, metadata);
        });
    }

    public String eventId() {
        return content.eventId();
    }

    public String aggregateId() {
        return content.aggregateId();
    }

    public long sequence() {
        return content.sequence();
    }
}
