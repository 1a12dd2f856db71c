package cn.tj.specialfund.verifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Signed notes (C2SP signed-note; golang.org/x/mod/sumdb/note): a text ending in a newline, a blank line, then one
 * line per signature, {@code — <name> <base64(4-byte key hash ‖ 64-byte Ed25519 signature)>} (an em dash, U+2014).
 * Each signature is over the text's bytes, the text's final newline included.
 */
public final class SignedNote {

    private static final byte[] SIGNATURE_PREFIX = "\u2014 ".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_SIGNATURES = 100;

    /** One signature line: the key's name and hash and the base64 after them. */
    public record Signature(String name, int keyHash, String base64) {
    }

    /** An opened note: its text, the signatures that verified, and those of keys not given. */
    public record Opened(String text, List<Signature> verified, List<Signature> unverified) {
    }

    private SignedNote() {
    }

    /** The note: {@code text} (which must end in a newline) signed by each signer. */
    public static String sign(String text, NoteSigner... signers) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (!text.endsWith("\n") || !isValidText(body)) {
            throw new IllegalArgumentException("a note's text is valid text without control characters other than"
                    + " newline, and ends in a newline");
        }
        StringBuilder note = new StringBuilder(text).append('\n');
        for (NoteSigner signer : signers) {
            byte[] signature = ByteBuffer.allocate(4 + Ed25519.SIGNATURE_SIZE)
                    .putInt(signer.keyHash()).put(signer.sign(body)).array();
            note.append('\u2014').append(' ').append(signer.name()).append(' ')
                    .append(Base64.getEncoder().encodeToString(signature)).append('\n');
        }
        return note.toString();
    }

    /**
     * Opens a note: checks its form and every signature by a known key. Throws MALFORMED for a defect of form,
     * INVALID_SIGNATURE if a known key's signature does not verify, NO_KNOWN_SIGNATURE if no known key signed it.
     */
    public static Opened open(byte[] note, List<NoteVerifier> known) throws NoteException {
        if (!isValidText(note)) {
            throw malformed("a note is valid UTF-8 without control characters other than newline");
        }
        int split = lastBlankLine(note);
        if (split < 0) {
            throw malformed("a note has a blank line before its signatures");
        }
        byte[] text = Arrays.copyOfRange(note, 0, split + 1);
        byte[] signatures = Arrays.copyOfRange(note, split + 2, note.length);
        if (signatures.length == 0 || signatures[signatures.length - 1] != '\n') {
            throw malformed("a note ends with signature lines, each ending in a newline");
        }
        List<Signature> verified = new ArrayList<>();
        List<Signature> unverified = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int count = 0;
        int start = 0;
        while (start < signatures.length) {
            int end = indexOf(signatures, (byte) '\n', start);
            byte[] line = Arrays.copyOfRange(signatures, start, end);
            start = end + 1;
            Signature signature = parseSignatureLine(line);
            byte[] decoded = Base64.getDecoder().decode(signature.base64());
            if (++count > MAX_SIGNATURES) {
                throw malformed("a note has at most " + MAX_SIGNATURES + " signatures");
            }
            NoteVerifier verifier = find(known, signature.name(), signature.keyHash());
            if (verifier == null) {
                if (seen.add("?" + new String(line, StandardCharsets.UTF_8))) {
                    unverified.add(signature);
                }
                continue;
            }
            if (!seen.add(signature.name() + "+" + signature.keyHash())) {
                continue;
            }
            if (!verifier.verify(text, Arrays.copyOfRange(decoded, 4, decoded.length))) {
                throw new NoteException(NoteException.Reason.INVALID_SIGNATURE,
                        "the signature of " + signature.name() + " does not verify");
            }
            verified.add(signature);
        }
        if (verified.isEmpty()) {
            throw new NoteException(NoteException.Reason.NO_KNOWN_SIGNATURE,
                    "the note is not signed by " + (known.isEmpty() ? "any given key" : known.get(0).verifierKey()));
        }
        return new Opened(new String(text, StandardCharsets.UTF_8), List.copyOf(verified), List.copyOf(unverified));
    }

    private static Signature parseSignatureLine(byte[] line) throws NoteException {
        if (line.length < SIGNATURE_PREFIX.length
                || !Arrays.equals(Arrays.copyOf(line, SIGNATURE_PREFIX.length), SIGNATURE_PREFIX)) {
            throw malformed("a signature line starts with an em dash and a space");
        }
        String rest = new String(line, SIGNATURE_PREFIX.length, line.length - SIGNATURE_PREFIX.length,
                StandardCharsets.UTF_8);
        int space = rest.indexOf(' ');
        String name = space < 0 ? rest : rest.substring(0, space);
        String base64 = space < 0 ? "" : rest.substring(space + 1);
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed("a signature is not valid base64");
        }
        if (!NoteVerifier.isValidName(name) || base64.isEmpty() || decoded.length < 5) {
            throw malformed("a signature line is — <name> <base64(key hash ‖ signature)>");
        }
        return new Signature(name, ByteBuffer.wrap(decoded).getInt(), base64);
    }

    private static NoteVerifier find(List<NoteVerifier> known, String name, int keyHash) {
        for (NoteVerifier verifier : known) {
            if (verifier.name().equals(name) && verifier.keyHash() == keyHash) {
                return verifier;
            }
        }
        return null;
    }

    private static int lastBlankLine(byte[] note) {
        for (int i = note.length - 2; i >= 0; i--) {
            if (note[i] == '\n' && note[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Well-formed UTF-8 without ASCII control characters other than newline. */
    static boolean isValidText(byte[] utf8) {
        String text;
        try {
            text = Json.decodeUtf8(utf8);
        } catch (Json.JsonException e) {
            return false;
        }
        return text.chars().noneMatch(c -> c < 0x20 && c != '\n');
    }

    private static NoteException malformed(String message) {
        return new NoteException(NoteException.Reason.MALFORMED, message);
    }
}
