package cn.tj.specialfund.verifier;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-checkpoint: the body of a signed note, {@code <origin>\n<tree size, decimal>\n<base64 root hash>\n}
 * followed by optional extension lines. The ledger's origin is {@link #ORIGIN}.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public static final String ORIGIN = "tianjin-special-fund-2020";

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint's origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative");
        }
        if (rootHash.length != Rfc9162.HASH_SIZE) {
            throw new IllegalArgumentException("a root hash has " + Rfc9162.HASH_SIZE + " bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String line : extensions) {
            if (line.isEmpty() || line.contains("\n")) {
                throw new IllegalArgumentException("an extension is one non-empty line");
            }
        }
    }

    public Checkpoint(long size, byte[] rootHash) {
        this(ORIGIN, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text: origin, size and root lines, then the extensions, each ending in a newline. */
    public String body() {
        StringBuilder body = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        extensions.forEach(line -> body.append(line).append('\n'));
        return body.toString();
    }

    /** The signed checkpoint, as {@code GET /api/audit/checkpoint} serves it. */
    public String sign(NoteSigner signer) {
        return SignedNote.sign(body(), signer);
    }

    /** Parses a checkpoint body (the text of a note, already verified). */
    public static Checkpoint parseBody(String body) throws NoteException {
        if (!body.endsWith("\n")) {
            throw malformed("a checkpoint ends in a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw malformed("a checkpoint has an origin, a tree size and a root hash line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw malformed("a checkpoint's tree size is a decimal number without leading zeros");
        }
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw malformed("a checkpoint's tree size or root hash is malformed");
        }
        try {
            return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    /**
     * Opens a signed checkpoint: its signature by {@code key} must verify and its origin must be {@code origin}
     * (the key's name when null).
     */
    public static Checkpoint open(byte[] note, NoteVerifier key, String origin) throws NoteException {
        SignedNote.Opened opened = SignedNote.open(note, List.of(key));
        Checkpoint checkpoint = parseBody(opened.text());
        String expected = origin == null ? key.name() : origin;
        if (!checkpoint.origin().equals(expected)) {
            throw malformed("the checkpoint's origin is " + checkpoint.origin() + ", not " + expected);
        }
        return checkpoint;
    }

    public static Checkpoint open(String note, NoteVerifier key) throws NoteException {
        return open(note.getBytes(StandardCharsets.UTF_8), key, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && origin.equals(c.origin) && size == c.size
                && Arrays.equals(rootHash, c.rootHash) && extensions.equals(c.extensions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * origin.hashCode() + Long.hashCode(size)) + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return origin + " size " + size + " root " + Base64.getEncoder().encodeToString(rootHash);
    }

    private static NoteException malformed(String message) {
        return new NoteException(NoteException.Reason.MALFORMED, message);
    }
}
