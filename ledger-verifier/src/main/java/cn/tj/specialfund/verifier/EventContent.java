package cn.tj.specialfund.verifier;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One stored event without its position: the columns of a {@code domain_event_entry} row other than
 * {@code global_index}, with payload and metadata as the exact bytes stored (JSON from Axon's serializer).
 * {@code type} (the aggregate type) and {@code payloadRevision} may be null, as in the table; so may
 * {@code metadata}. What an event's writer signs is {@link #signedBytes()}.
 */
public record EventContent(String eventId, String aggregateId, long sequence, String type, String timestamp,
                           String payloadType, String payloadRevision, byte[] payload, byte[] metadata) {

    /** Domain separation: these bytes are an event's, for its signature (the leaf has a tag of its own). */
    static final String SIGNED_TAG = "special-fund-ledger/event-signature/v1";

    public EventContent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        if (sequence < 0) {
            throw new IllegalArgumentException("a sequence number is not negative");
        }
        payload = payload.clone();
        metadata = metadata == null ? null : metadata.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] metadata() {
        return metadata == null ? null : metadata.clone();
    }

    /**
     * The bytes an event's signature covers:
     * <pre>
     * text(SIGNED_TAG) ‖ text(eventId) ‖ text(aggregateId) ‖ u64(sequence) ‖ optional text(type) ‖ text(timestamp)
     *   ‖ text(payloadType) ‖ optional text(payloadRevision) ‖ bytes(payload) ‖ optional canonical metadata
     * canonical metadata = u32(n) ‖ n × (text(name) ‖ bytes(value)), the members of the metadata JSON object except
     *   "signature", sorted by the UTF-8 bytes of their names, each value as its exact JSON source text
     * </pre>
     * The position is left out (the writer does not know it before the row is inserted), and so is the signature:
     * the command side serialises the metadata without the signature, signs these bytes, and adds the signature as
     * one more member; the other members' JSON text is unchanged by that. Throws {@link Json.JsonException} if the
     * metadata is not a JSON object.
     */
    public byte[] signedBytes() {
        CanonicalBytes.Writer out = new CanonicalBytes.Writer().text(SIGNED_TAG);
        writeColumns(out);
        out.bytes(payload);
        if (metadata == null) {
            out.u8(0);
        } else {
            Map<String, byte[]> members = sortedMembers(metadata);
            members.remove(EventSignatures.METADATA_KEY);
            out.u8(1).u32(members.size());
            members.forEach((name, value) -> out.text(name).bytes(value));
        }
        return out.toByteArray();
    }

    /** The metadata's {@code signature} member, if the metadata is a JSON object holding it as a string. */
    public Optional<String> signature() {
        if (metadata == null) {
            return Optional.empty();
        }
        try {
            Object value = ((Map<?, ?>) Json.parse(metadata)).get(EventSignatures.METADATA_KEY);
            return value instanceof String s ? Optional.of(s) : Optional.empty();
        } catch (Json.JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The same event with a signature added to (or replaced in) its metadata, members in their order, compact JSON. */
    public EventContent withSignature(String signature) {
        Map<String, Object> members = new java.util.LinkedHashMap<>();
        if (metadata != null) {
            Json.members(metadata).forEach((name, raw) -> members.put(name, Json.parse(raw)));
        }
        members.put(EventSignatures.METADATA_KEY, signature);
        return new EventContent(eventId, aggregateId, sequence, type, timestamp, payloadType, payloadRevision,
                payload, Json.write(members).getBytes(StandardCharsets.UTF_8));
    }

    void writeColumns(CanonicalBytes.Writer out) {
        out.text(eventId).text(aggregateId).u64(sequence).optionalText(type).text(timestamp)
                .text(payloadType).optionalText(payloadRevision);
    }

    private static Map<String, byte[]> sortedMembers(byte[] metadata) {
        Map<String, byte[]> sorted = new TreeMap<>((a, b) -> Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        sorted.putAll(Json.members(metadata));
        return sorted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventContent e && eventId.equals(e.eventId) && aggregateId.equals(e.aggregateId)
                && sequence == e.sequence && Objects.equals(type, e.type) && timestamp.equals(e.timestamp)
                && payloadType.equals(e.payloadType) && Objects.equals(payloadRevision, e.payloadRevision)
                && Arrays.equals(payload, e.payload) && Arrays.equals(metadata, e.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, aggregateId, sequence, timestamp) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "EventContent[" + eventId + " " + aggregateId + "#" + sequence + " " + payloadType + " "
                + Base64.getEncoder().encodeToString(payload).length() + " payload chars]";
    }
}
