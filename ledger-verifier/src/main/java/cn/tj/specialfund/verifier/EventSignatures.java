package cn.tj.specialfund.verifier;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Event signatures: Ed25519 by the command side's key over {@link EventContent#signedBytes()}, kept in the event's
 * metadata under {@value #METADATA_KEY} as base64(4-byte key hash ‖ 64-byte signature), as a signed note's
 * signature is, so that a rotated key is recognised by its hash.
 */
public final class EventSignatures {

    public static final String METADATA_KEY = "signature";

    /** Which Ed25519 signs and checks in this process: the JDK's, or the {@link Ed25519Provider} on the class path. */
    public static String ed25519Implementation() {
        return Ed25519.implementation();
    }

    public enum Status { VALID, MISSING, INVALID }

    private EventSignatures() {
    }

    /** The value to store under {@value #METADATA_KEY} for this event (its metadata's own signature is ignored). */
    public static String sign(EventContent content, NoteSigner key) {
        byte[] signature = key.sign(content.signedBytes());
        return Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(4 + signature.length).putInt(key.keyHash()).put(signature).array());
    }

    /** The event with its signature added to its metadata. */
    public static EventContent signed(EventContent content, NoteSigner key) {
        return content.withSignature(sign(content, key));
    }

    /** Whether the event carries a valid signature by one of {@code keys}. */
    public static Status check(EventContent content, java.util.List<NoteVerifier> keys) {
        Optional<String> value = content.signature();
        if (value.isEmpty()) {
            return Status.MISSING;
        }
        byte[] decoded;
        byte[] message;
        try {
            decoded = Base64.getDecoder().decode(value.get());
            message = content.signedBytes();
        } catch (IllegalArgumentException | Json.JsonException e) {
            return Status.INVALID;
        }
        if (decoded.length != 4 + Ed25519.SIGNATURE_SIZE) {
            return Status.INVALID;
        }
        int keyHash = ByteBuffer.wrap(decoded).getInt();
        byte[] signature = Arrays.copyOfRange(decoded, 4, decoded.length);
        for (NoteVerifier key : keys) {
            if (key.keyHash() == keyHash && key.verify(message, signature)) {
                return Status.VALID;
            }
        }
        return Status.INVALID;
    }

    public static Status check(EventContent content, NoteVerifier key) {
        return check(content, java.util.List.of(key));
    }
}
