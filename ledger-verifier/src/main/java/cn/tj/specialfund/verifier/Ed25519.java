package cn.tj.specialfund.verifier;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Ed25519 (RFC 8032) with keys as their raw 32-byte encodings: on the JDK's provider, or on an
 * {@link Ed25519Provider} found on the class path (the services').
 */
final class Ed25519 {

    private static final Optional<Ed25519Provider> PROVIDER =
            ServiceLoader.load(Ed25519Provider.class, Ed25519.class.getClassLoader()).findFirst();

    static final int KEY_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519() {
    }

    static byte[] newSeed() {
        byte[] seed = new byte[KEY_SIZE];
        new SecureRandom().nextBytes(seed);
        return seed;
    }

    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /**
     * The raw public key of a seed. The JDK derives public keys only while generating a pair, from the 32 random
     * bytes it draws, so the seed is handed to the generator as its randomness.
     */
    static byte[] publicKeyOf(byte[] seed) {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                if (bytes.length != KEY_SIZE) {
                    throw new IllegalStateException("Ed25519 key generation drew " + bytes.length + " bytes");
                }
                System.arraycopy(seed, 0, bytes, 0, KEY_SIZE);
            }
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, fixed);
            KeyPair pair = generator.generateKeyPair();
            return rawPublicKey(pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    static PublicKey publicKey(byte[] raw) {
        if (raw.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_SIZE);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, KEY_SIZE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - KEY_SIZE, der.length);
    }

    /** The provider's class name, or "JDK". */
    static String implementation() {
        return PROVIDER.map(p -> p.getClass().getName()).orElse("JDK");
    }

    static byte[] sign(byte[] seed, byte[] publicKey, PrivateKey key, byte[] message) {
        return PROVIDER.isPresent() ? PROVIDER.get().sign(seed, publicKey, message) : sign(key, message);
    }

    static boolean verify(byte[] rawKey, PublicKey key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        return PROVIDER.isPresent() ? PROVIDER.get().verify(rawKey, message, signature) : verify(key, message, signature);
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
