package cn.tj.specialfund.verifier;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an audit export ({@code GET /api/audit/export}, JSON lines), one per leaf in leaf order:
 * <pre>
 * {"leafIndex":0,"leafHash":"&lt;base64&gt;","position":1,"eventId":"…","aggregateId":"…","sequence":0,
 *  "type":"Application","timestamp":"2020-09-01T01:00:00Z","payloadType":"…","payloadRevision":null,
 *  "payload":{…},"metadata":{…},"signature":"&lt;base64&gt;","canonical":"&lt;base64 of the leaf bytes&gt;"}
 * </pre>
 * {@code payload} and {@code metadata} are the stored JSON, re-emitted compactly ({@code payloadBase64} /
 * {@code metadataBase64} instead when the stored bytes are not JSON); {@code signature} is the metadata's; the
 * fields are a readable view of {@code canonical}, which alone is hashed. Two further shapes: a leaf whose event
 * row is gone has {@code "canonical":null} and no event fields; an event row that no leaf holds has
 * {@code "leafIndex":null,"leafHash":null}.
 */
public record ExportLine(Long leafIndex, byte[] leafHash, Long position, byte[] canonical, Map<String, Object> view) {

    private static final String[] EVENT_FIELDS = {"eventId", "aggregateId", "sequence", "type", "timestamp",
            "payloadType", "payloadRevision", "signature"};

    /** The line for an event; {@code leafIndex} and {@code storedLeafHash} null for a row that no leaf holds. */
    public static String write(Long leafIndex, byte[] storedLeafHash, CanonicalEvent event) {
        return Json.write(fields(leafIndex, storedLeafHash, event));
    }

    /** The members of an event's line, in order, for documents that embed lines (the proof bundle). */
    static Map<String, Object> fields(Long leafIndex, byte[] storedLeafHash, CanonicalEvent event) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("leafIndex", leafIndex);
        ordered.put("leafHash", storedLeafHash);
        ordered.putAll(viewOf(event));
        ordered.put("canonical", event.leafBytes());
        return ordered;
    }

    /** The line for a leaf whose event row is gone: what the tree knows of it. */
    public static String writeMissing(long leafIndex, byte[] storedLeafHash, long position) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("leafIndex", leafIndex);
        line.put("leafHash", storedLeafHash);
        line.put("position", position);
        line.put("canonical", null);
        return Json.write(line);
    }

    /** Parses one line; throws {@link IllegalArgumentException} (or {@link Json.JsonException}) if malformed. */
    public static ExportLine parse(String text) {
        if (!(Json.parse(text) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a line is a JSON object");
        }
        @SuppressWarnings("unchecked") Map<String, Object> fields = (Map<String, Object>) map;
        return of(fields);
    }

    /** The line that a parsed JSON object stands for; throws {@link IllegalArgumentException} if malformed. */
    static ExportLine of(Map<String, Object> fields) {
        for (String required : new String[]{"leafIndex", "leafHash", "canonical"}) {
            if (!fields.containsKey(required)) {
                throw new IllegalArgumentException("a line has a \"" + required + "\" member");
            }
        }
        return new ExportLine(number(fields, "leafIndex"), base64(fields, "leafHash"), number(fields, "position"),
                base64(fields, "canonical"), fields);
    }

    /** The first field of the line's view that disagrees with the event its canonical bytes encode, if any. */
    public String viewMismatch(CanonicalEvent event) {
        Map<String, Object> expected = viewOf(event);
        if (!Objects.equals(position, event.position())) {
            return "position";
        }
        for (String field : EVENT_FIELDS) {
            if (!Objects.equals(normalise(view.get(field)), normalise(expected.get(field)))
                    || !view.containsKey(field)) {
                return field;
            }
        }
        for (String field : new String[]{"payload", "metadata"}) {
            String base64Field = field + "Base64";
            boolean embedded = expected.containsKey(field);
            if (embedded != view.containsKey(field) || !embedded != view.containsKey(base64Field)) {
                return field;
            }
            if (embedded ? !Objects.equals(view.get(field), expected.get(field))
                    : !Objects.equals(view.get(base64Field), Base64.getEncoder().encodeToString(
                    (byte[]) expected.get(base64Field)))) {
                return field;
            }
        }
        return null;
    }

    private static Map<String, Object> viewOf(CanonicalEvent event) {
        EventContent c = event.content();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("position", event.position());
        view.put("eventId", c.eventId());
        view.put("aggregateId", c.aggregateId());
        view.put("sequence", c.sequence());
        view.put("type", c.type());
        view.put("timestamp", c.timestamp());
        view.put("payloadType", c.payloadType());
        view.put("payloadRevision", c.payloadRevision());
        embed(view, "payload", c.payload());
        if (c.metadata() == null) {
            view.put("metadata", null);
        } else {
            embed(view, "metadata", c.metadata());
        }
        view.put("signature", c.signature().orElse(null));
        return view;
    }

    private static void embed(Map<String, Object> view, String field, byte[] json) {
        try {
            view.put(field, Json.parse(json));
        } catch (Json.JsonException e) {
            view.put(field + "Base64", json);
        }
    }

    private static Object normalise(Object value) {
        if (value instanceof Long l) {
            return new BigDecimal(l);
        }
        return value instanceof BigDecimal d ? d.stripTrailingZeros() : value;
    }

    private static Long number(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
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

    private static byte[] base64(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("\"" + name + "\" is a base64 string");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not valid base64");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportLine l && Objects.equals(leafIndex, l.leafIndex) && Arrays.equals(leafHash, l.leafHash)
                && Arrays.equals(canonical, l.canonical) && view.equals(l.view);
    }

    @Override
    public int hashCode() {
        return Objects.hash(leafIndex, position) * 31 + Arrays.hashCode(canonical);
    }
}
