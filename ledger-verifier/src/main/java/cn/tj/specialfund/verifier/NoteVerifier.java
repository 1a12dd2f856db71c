package cn.tj.specialfund.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key in the signed-note verifier key format (C2SP signed-note, golang.org/x/mod/sumdb/note):
 * {@code <name>+<key hash, 8 hex digits>+<base64(0x01 ‖ 32-byte public key)>}, where the key hash is the first four
 * bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
 */
public final class NoteVerifier {

    static final byte ALG_ED25519 = 0x01;

    private final String name;
    private final int keyHash;
    private final byte[] rawKey;
    private final PublicKey publicKey;

    NoteVerifier(String name, byte[] rawKey) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': " + name);
        }
        this.name = name;
        this.rawKey = rawKey.clone();
        this.keyHash = keyHash(name, rawKey);
        this.publicKey = Ed25519.publicKey(rawKey);
    }

    /** Parses a verifier key; throws {@link NoteException} (MALFORMED) for any defect, a hash that does not match included. */
    public static NoteVerifier parse(String vkey) throws NoteException {
        KeyText key = KeyText.parse(vkey, "verifier key");
        NoteVerifier verifier;
        try {
            verifier = new NoteVerifier(key.name(), key.key());
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        key.requireHash(verifier.keyHash);
        return verifier;
    }

    /** The parts of {@code <name>+<key hash>+<base64(0x01 ‖ 32 bytes)>}, the shape both key formats share. */
    record KeyText(String name, int keyHash, byte[] key, String what) {

        static KeyText parse(String text, String what) throws NoteException {
            String[] parts = text.split("\\+", 3);
            if (parts.length != 3 || !isValidName(parts[0]) || !parts[1].matches("[0-9a-f]{8}")) {
                throw malformed(what + " is not <name>+<8 hex digits>+<base64 key>");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(parts[2]);
            } catch (IllegalArgumentException e) {
                throw malformed(what + " is not valid base64");
            }
            if (key.length != 1 + Ed25519.KEY_SIZE || key[0] != ALG_ED25519) {
                throw malformed(what + " is not an Ed25519 key (0x01 ‖ 32 bytes)");
            }
            return new KeyText(parts[0], Integer.parseUnsignedInt(parts[1], 16),
                    java.util.Arrays.copyOfRange(key, 1, key.length), what);
        }

        void requireHash(int actual) throws NoteException {
            if (actual != keyHash) {
                throw malformed(what + "'s hash does not match its name and key");
            }
        }
    }

    public String name() {
        return name;
    }

    byte[] rawKey() {
        return rawKey;
    }

    public int keyHash() {
        return keyHash;
    }

    /** The key in the verifier key format. */
    public String verifierKey() {
        byte[] key = new byte[1 + Ed25519.KEY_SIZE];
        key[0] = ALG_ED25519;
        System.arraycopy(rawKey, 0, key, 1, Ed25519.KEY_SIZE);
        return name + "+" + hexHash(keyHash) + "+" + Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@code signature} (64 bytes, without the key hash) is this key's Ed25519 signature of {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        return Ed25519.verify(rawKey, publicKey, message, signature);
    }

    @Override
    public String toString() {
        return verifierKey();
    }

    static int keyHash(String name, byte[] rawKey) {
        MessageDigest sha = Rfc9162.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(ALG_ED25519);
        sha.update(rawKey);
        byte[] digest = sha.digest();
        return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
    }

    static String hexHash(int keyHash) {
        return HexFormat.of().toHexDigits(keyHash);
    }

    /** A key name: non-empty, valid text, no whitespace and no '+'. */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.contains("+")) {
            return false;
        }
        return name.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    private static NoteException malformed(String message) {
        return new NoteException(NoteException.Reason.MALFORMED, message);
    }
}
