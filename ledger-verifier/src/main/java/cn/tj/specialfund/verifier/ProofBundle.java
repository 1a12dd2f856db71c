package cn.tj.specialfund.verifier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application's proof bundle (docs/tamper-evidence.md): its events as export lines, each with its inclusion
 * proof in the tree of the signed checkpoint the bundle carries.
 * <pre>
 * {"format":"special-fund-ledger/proof-bundle/v1","applicationId":"…","treeSize":1234,
 *  "checkpoint":"&lt;the signed checkpoint's text&gt;",
 *  "events":[{&lt;the event's export line&gt;…,"inclusionProof":["&lt;base64&gt;",…]}, …]}
 * </pre>
 * Events in sequence order; an event that is not yet a leaf of the checkpointed tree has
 * {@code "inclusionProof":null} (and {@code leafIndex} null, or at least {@code treeSize}).
 */
public record ProofBundle(String applicationId, long treeSize, String checkpoint, List<Entry> events) {

    public static final String FORMAT = "special-fund-ledger/proof-bundle/v1";

    /** One event: its export line and its inclusion proof (null when it is beyond the checkpoint). */
    public record Entry(ExportLine line, List<byte[]> inclusionProof) {
    }

    /** What the service knows of one event when it writes a bundle. */
    public record Proved(Long leafIndex, byte[] storedLeafHash, CanonicalEvent event, List<byte[]> inclusionProof) {
    }

    /** The bundle's JSON text; {@code events} in sequence order, {@code checkpoint} the signed note of size {@code treeSize}. */
    public static String write(String applicationId, long treeSize, String checkpoint, List<Proved> events) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", FORMAT);
        bundle.put("applicationId", applicationId);
        bundle.put("treeSize", treeSize);
        bundle.put("checkpoint", checkpoint);
        List<Object> lines = new ArrayList<>(events.size());
        for (Proved event : events) {
            Map<String, Object> line = ExportLine.fields(event.leafIndex(), event.storedLeafHash(), event.event());
            line.put("inclusionProof", event.inclusionProof() == null ? null : List.copyOf(event.inclusionProof()));
            lines.add(line);
        }
        bundle.put("events", lines);
        return Json.write(bundle);
    }

    /** Parses a bundle; throws {@link IllegalArgumentException} (or {@link Json.JsonException}) if malformed. */
    public static ProofBundle parse(String text) {
        if (!(Json.parse(text) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a bundle is a JSON object");
        }
        if (!FORMAT.equals(map.get("format"))) {
            throw new IllegalArgumentException("\"format\" is not " + FORMAT);
        }
        if (!(map.get("applicationId") instanceof String applicationId)) {
            throw new IllegalArgumentException("\"applicationId\" is a string");
        }
        long treeSize = wholeNumber(map.get("treeSize"), "treeSize");
        if (!(map.get("checkpoint") instanceof String checkpoint)) {
            throw new IllegalArgumentException("\"checkpoint\" is the signed checkpoint's text");
        }
        if (!(map.get("events") instanceof List<?> list)) {
            throw new IllegalArgumentException("\"events\" is an array");
        }
        List<Entry> events = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> line)) {
                throw new IllegalArgumentException("event " + i + " is an object");
            }
            @SuppressWarnings("unchecked") Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) line);
            if (!fields.containsKey("inclusionProof")) {
                throw new IllegalArgumentException("event " + i + " has an \"inclusionProof\" member");
            }
            Object proof = fields.remove("inclusionProof");
            try {
                events.add(new Entry(ExportLine.of(fields), proof == null ? null : hashes(proof)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("event " + i + ": " + e.getMessage());
            }
        }
        return new ProofBundle(applicationId, treeSize, checkpoint, List.copyOf(events));
    }

    /** A list of base64 hashes, as in an inclusion proof or a consistency proof's {@code path}. */
    static List<byte[]> hashes(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("a proof is an array of base64 hashes");
        }
        List<byte[]> hashes = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String s)) {
                throw new IllegalArgumentException("a proof element is a base64 string");
            }
            try {
                hashes.add(Base64.getDecoder().decode(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a proof element is not valid base64");
            }
        }
        return hashes;
    }

    static long wholeNumber(Object value, String name) {
        if (!(value instanceof BigDecimal d)) {
            throw new IllegalArgumentException("\"" + name + "\" is a number");
        }
        try {
            long n = d.longValueExact();
            if (n < 0) {
                throw new IllegalArgumentException("\"" + name + "\" is not negative");
            }
            return n;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + name + "\" is a whole number below 2^63");
        }
    }
}
