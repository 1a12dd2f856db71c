package cn.tj.specialfund.verifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The published test vectors in the {@code shared/} folder beside the repository (CI checks it out there): found by
 * walking up from the working directory. A missing file fails the test that needs it, with the places looked at.
 */
final class SharedVectors {

    private SharedVectors() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String name) {
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(name);
            tried.add(candidate);
            if (Files.isRegularFile(candidate)) {
                try {
                    return (Map<String, Object>) Json.parse(Files.readAllBytes(candidate));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + candidate, e);
                }
            }
        }
        throw new IllegalStateException("test vectors " + name + " not found; looked at " + tried
                + " (the shared/ folder belongs beside the repository's clone)");
    }

    static byte[] hex(Object value) {
        return HexFormat.of().parseHex((String) value);
    }

    static byte[] base64(Object value) {
        return value == null ? new byte[0] : java.util.Base64.getDecoder().decode((String) value);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }

    /** A JSON number as an unsigned 64-bit value (the vectors use 2^64 - 1). */
    static long u64(Object value) {
        return ((java.math.BigDecimal) value).toBigIntegerExact().longValue();
    }
}
