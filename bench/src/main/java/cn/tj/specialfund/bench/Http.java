package cn.tj.specialfund.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The services' HTTP API as its users call it: JSON bodies, HTTP Basic on every request. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    record Response(int status, byte[] body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    Response post(String url, String user, String password, Object body) {
        try {
            byte[] json = body instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(body);
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization(user, password))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response get(String url, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization(user, password)).GET());
    }

    /** A GET that may take as long as {@code timeout} (a check that walks the whole log). */
    Response slowGet(String url, String user, String password, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization(user, password))
                .timeout(timeout).GET());
    }

    /** A GET with {@code If-None-Match} (when {@code etag} is not null): its status, body and ETag. */
    Conditional conditionalGet(String url, String user, String password, String etag) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization(user, password)).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Conditional(response.statusCode(), response.body().length,
                    response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            return new Conditional(-1, 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Conditional(-1, 0, null);
        }
    }

    record Conditional(int status, int bytes, String etag) {
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            if (built.timeout().isEmpty()) {
                built = request.timeout(Duration.ofSeconds(120)).build();
            }
            HttpResponse<byte[]> response = client.send(built,
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, e.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, new byte[0]);
        }
    }

    private String authorization(String user, String password) {
        return authorizations.computeIfAbsent(user + ':' + password, key -> "Basic "
                + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
    }
}
