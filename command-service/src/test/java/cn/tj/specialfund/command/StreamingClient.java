package cn.tj.specialfund.command;

import cn.tj.specialfund.command.LedgerClient.Response;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for bodies a server should refuse before it has read them: the body is
 * written (with its length declared, or chunked) on a thread of its own while the answer is read, so that an
 * answer that comes early, followed by the server closing the connection, is still seen as a client would.
 */
final class StreamingClient {

    private static final int CHUNK = 16 * 1024;
    private final int port;

    StreamingClient(int port) {
        this.port = port;
    }

    Response post(String path, String user, String password, byte[] body, boolean chunked) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\n");
            if (user != null) {
                head.append("Authorization: Basic ").append(Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> writeBody(out, body, chunked), "streaming-client-body");
            writer.setDaemon(true);
            writer.start();
            byte[] answer = readAll(socket.getInputStream());
            return parse(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops quietly once the server has closed the connection: a refused body is not read to its end. */
    private static void writeBody(OutputStream out, byte[] body, boolean chunked) {
        try {
            for (int offset = 0; offset < body.length; offset += CHUNK) {
                int length = Math.min(CHUNK, body.length - offset);
                if (chunked) {
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, offset, length);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException closedByTheServer) {
            // expected for a refused body
        }
    }

    /** Everything until the server closes; a reset after the answer arrived keeps what was read. */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8_192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                read.write(buffer, 0, n);
                if (complete(read.toByteArray())) {
                    break;
                }
            }
        } catch (IOException reset) {
            if (read.size() == 0) {
                throw reset;
            }
        }
        return read.toByteArray();
    }

    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Map<String, String> headers = headers(text.substring(0, end));
        String body = text.substring(end + 4);
        if (headers.containsKey("content-length")) {
            return body.length() >= Integer.parseInt(headers.get("content-length"));
        }
        return "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) && body.endsWith("0\r\n\r\n");
    }

    private static Response parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String statusLine = text.substring(0, text.indexOf("\r\n"));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = headers(text.substring(0, end));
        byte[] rawBody = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rawBody = dechunk(rawBody);
        }
        String body = new String(rawBody, StandardCharsets.UTF_8);
        String contentType = headers.getOrDefault("content-type", "");
        JsonNode json = contentType.contains("json") && !body.isBlank() ? LedgerClient.JSON.readTree(body) : null;
        return new Response(status, contentType, headers.get("location"), headers.get("x-correlation-id"), json, body, headers.get("retry-after"));
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }
}
