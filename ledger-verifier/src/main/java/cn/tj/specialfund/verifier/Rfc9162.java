package cn.tj.specialfund.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hashes of RFC 9162 §2.1 (Certificate Transparency 2.0) with SHA-256: leaf, interior node, empty tree. */
public final class Rfc9162 {

    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private Rfc9162() {
    }

    /** SHA-256(0x00 ‖ entry). */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update(LEAF_PREFIX);
        sha.update(entry);
        return sha.digest();
    }

    /** SHA-256(0x01 ‖ left ‖ right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The root of the empty tree, SHA-256 of no bytes. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The split point of RFC 9162 §2.1.1: the largest power of two smaller than {@code n} (n ≥ 2). */
    static long splitPoint(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("no split point for a tree of " + n + " leaves");
        }
        return Long.highestOneBit(n - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
