package cn.tj.specialfund.query.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.stream.Collectors;

/** Lists as RFC 4180 CSV, for clients that send {@code Accept: text/csv}. */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private Csv() {
    }

    /**
     * Starts a CSV answer written row by row, with a UTF-8 byte order mark first, so that Excel reads its Chinese
     * names as UTF-8.
     */
    public static java.io.Writer stream(jakarta.servlet.http.HttpServletResponse response, String filename)
            throws java.io.IOException {
        response.setContentType(TEXT_CSV.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(response.getOutputStream(),
                java.nio.charset.StandardCharsets.UTF_8), 16_384);
        out.write('\uFEFF');
        return out;
    }

    public static boolean wanted(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    public static ResponseEntity<String> response(String filename, List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        out.append(line(header.stream().map(h -> (Object) h).toList()));
        rows.forEach(row -> out.append(line(row)));
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(out.toString());
    }

    /** Writes one CSV line to a streamed answer (from row callbacks, so unchecked). */
    public static void write(java.io.Writer out, List<Object> cells) {
        try {
            out.write(line(cells));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One CSV line (with its CRLF), for answers written row by row. */
    public static String line(List<Object> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
