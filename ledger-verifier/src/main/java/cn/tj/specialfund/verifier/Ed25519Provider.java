package cn.tj.specialfund.verifier;

/**
 * Another implementation of Ed25519 than the JDK's, for the services. The JDK's (JDK 17) spends about 1 ms of CPU
 * on a signature, as much as the rest of a command; RFC 8032 signatures are deterministic, so any correct
 * implementation makes the same bytes and verifies the same ones. The offline verifier keeps the JDK's (it depends
 * on nothing else); a service that lists an implementation in {@code META-INF/services} has {@link Ed25519} use
 * that one instead.
 */
public interface Ed25519Provider {

    /** The 64-byte signature of {@code message} by the key of {@code seed} (32 bytes), whose public key is given. */
    byte[] sign(byte[] seed, byte[] publicKey, byte[] message);

    /** Whether {@code signature} (64 bytes) is the signature of {@code message} by {@code publicKey} (32 bytes). */
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);
}
