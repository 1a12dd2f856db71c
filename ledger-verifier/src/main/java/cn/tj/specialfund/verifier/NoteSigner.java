package cn.tj.specialfund.verifier;

import java.security.PrivateKey;
import java.util.Base64;

/**
 * An Ed25519 private key in the signed-note signer key format of golang.org/x/mod/sumdb/note:
 * {@code PRIVATE+KEY+<name>+<key hash, 8 hex digits>+<base64(0x01 ‖ 32-byte seed)>}. This is the text the services
 * read from configuration; {@link #generate} makes a new one ({@code java -jar ledger-verifier.jar keygen}).
 */
public final class NoteSigner {

    private static final String PREFIX = "PRIVATE+KEY+";

    private final NoteVerifier verifier;
    private final byte[] seed;
    private final PrivateKey privateKey;

    private NoteSigner(String name, byte[] seed) {
        this.seed = seed.clone();
        this.verifier = new NoteVerifier(name, Ed25519.publicKeyOf(seed));
        this.privateKey = Ed25519.privateKey(seed);
    }

    /** A new key pair under {@code name} (a log origin such as {@code tianjin-special-fund-2020}). */
    public static NoteSigner generate(String name) {
        return new NoteSigner(name, Ed25519.newSeed());
    }

    /** Parses a signer key; throws {@link NoteException} (MALFORMED) if it is malformed or its hash is wrong. */
    public static NoteSigner parse(String skey) throws NoteException {
        String text = skey.strip();
        if (!text.startsWith(PREFIX)) {
            throw malformed("signer key does not start with " + PREFIX);
        }
        NoteVerifier.KeyText key = NoteVerifier.KeyText.parse(text.substring(PREFIX.length()), "signer key");
        NoteSigner signer = new NoteSigner(key.name(), key.key());
        key.requireHash(signer.keyHash());
        return signer;
    }

    public String name() {
        return verifier.name();
    }

    public int keyHash() {
        return verifier.keyHash();
    }

    /** The public half, in the verifier key format. */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** The key in the signer key format (a secret: configuration only, never the database or a log). */
    public String signerKey() {
        byte[] key = new byte[1 + Ed25519.KEY_SIZE];
        key[0] = NoteVerifier.ALG_ED25519;
        System.arraycopy(seed, 0, key, 1, Ed25519.KEY_SIZE);
        return PREFIX + name() + "+" + NoteVerifier.hexHash(keyHash()) + "+" + Base64.getEncoder().encodeToString(key);
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        return Ed25519.sign(seed, verifier.rawKey(), privateKey, message);
    }

    /** Keeps the secret out of logs and exception messages. */
    @Override
    public String toString() {
        return "NoteSigner[" + verifier.verifierKey() + "]";
    }

    private static NoteException malformed(String message) {
        return new NoteException(NoteException.Reason.MALFORMED, message);
    }
}
