package cn.tj.specialfund.verifier;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal, strict JSON (RFC 8259) reader and writer. Written by hand because the verifier may depend on the JDK
 * alone, and the JDK has no JSON parser. Strict: one value and nothing but whitespace around it, no comments,
 * no trailing commas, no duplicate member names, no unescaped control characters, well-formed UTF-8 input only.
 * Values map to {@link Map} (insertion order kept), {@link List}, {@link String}, {@link BigDecimal},
 * {@link Boolean} and {@code null}. {@link #members} also gives each top-level member's exact source text, which
 * the canonical metadata of an event is made of.
 */
public final class Json {

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private final Map<String, String> rawMembers;

    private Json(String text, Map<String, String> rawMembers) {
        this.text = text;
        this.rawMembers = rawMembers;
    }

    /** Parses one JSON value. */
    public static Object parse(String text) {
        Json json = new Json(text, null);
        Object value = json.document();
        return value;
    }

    /** Parses one JSON value from UTF-8 bytes (malformed UTF-8 is an error). */
    public static Object parse(byte[] utf8) {
        return parse(decodeUtf8(utf8));
    }

    /**
     * The members of a JSON object, each name with the exact UTF-8 source text of its value (from its first to its
     * last character), in document order.
     */
    public static Map<String, byte[]> members(byte[] utf8) {
        Map<String, String> raw = new LinkedHashMap<>();
        Json json = new Json(decodeUtf8(utf8), raw);
        if (!(json.document() instanceof Map)) {
            throw new JsonException("expected a JSON object");
        }
        Map<String, byte[]> members = new LinkedHashMap<>();
        raw.forEach((name, value) -> members.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return members;
    }

    public static String decodeUtf8(byte[] utf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("not well-formed UTF-8");
        }
    }

    private Object document() {
        skipWhitespace();
        Object value = value(0);
        skipWhitespace();
        if (pos != text.length()) {
            throw error("unexpected text after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek('}')) {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw error("expected a member name");
            }
            String name = string();
            if (members.containsKey(name)) {
                throw error("duplicate member name \"" + name + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            int start = pos;
            members.put(name, value(depth + 1));
            if (depth == 0 && rawMembers != null) {
                rawMembers.put(name, text.substring(start, pos));
            }
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}');
                return members;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> items = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek(']')) {
            pos++;
            return items;
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth + 1));
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']');
                return items;
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos++), 16);
                        if (digit < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (digitsFollow()) {
            digits();
        } else {
            throw error("bad number");
        }
        if (peek('.')) {
            pos++;
            if (!digitsFollow()) {
                throw error("bad number: no digits after the point");
            }
            digits();
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (!digitsFollow()) {
                throw error("bad number: no digits in the exponent");
            }
            digits();
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private boolean digitsFollow() {
        return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
    }

    private void digits() {
        while (digitsFollow()) {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected token");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private JsonException error(String message) {
        return new JsonException(message + " at character " + pos);
    }

    // ---- writing

    /** Compact JSON text of a value made of the types {@link #parse} returns (and other numbers, byte arrays as base64). */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toString());
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof byte[] bytes) {
            quote(Base64.getEncoder().encodeToString(bytes), out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote((String) e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !pairedAt(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Malformed JSON, or JSON of the wrong shape. */
    public static final class JsonException extends RuntimeException {
        public JsonException(String message) {
            super(message);
        }
    }
}
