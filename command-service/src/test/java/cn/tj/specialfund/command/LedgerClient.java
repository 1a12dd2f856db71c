package cn.tj.specialfund.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain HTTP client of the command API, as any outside client would use it, with the demo users. */
final class LedgerClient {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;

    LedgerClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    record Response(int status, String contentType, String location, String correlationId, JsonNode body, String raw,
                    String retryAfter) {
        String code() {
            return body == null ? null : body.path("code").asText(null);
        }
    }

    Response post(String path, String user, String password, String body) {
        return post(path, user, password, body, Map.of());
    }

    Response post(String path, String user, String password, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    Response get(String path, String user, String password, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60)).GET()
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        headers.forEach(request::header);
        return send(request.build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String raw = response.body();
            JsonNode body = null;
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (contentType.contains("json") && raw != null && !raw.isBlank()) {
                body = JSON.readTree(raw);
            }
            return new Response(response.statusCode(), contentType,
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("X-Correlation-Id").orElse(null), body, raw,
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the lifecycle, with the demo users ---------------------------------------------------------------

    static String officerOf(String district) {
        return "district-" + district.toLowerCase(java.util.Locale.ROOT);
    }

    Response submit(ObjectNode form) {
        String district = form.path("applicant").path("district").asText();
        return post("/api/applications", officerOf(district), "district", form.toString());
    }

    UUID submitted(ObjectNode form) {
        Response response = submit(form);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return UUID.fromString(response.body().path("id").asText());
    }

    Response approve(UUID id, String district) {
        return post("/api/applications/" + id + "/district-review", officerOf(district), "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":true,\"comment\":\"recommended\"}");
    }

    Response score(UUID id, String score) {
        return post("/api/applications/" + id + "/score", "reviewer", "reviewer",
                "{\"score\":" + score + ",\"reviewer\":\"third-party panel\"}");
    }

    Response award(UUID id, String tier) {
        return post("/api/applications/" + id + "/award", "manager", "manager", "{\"tier\":\"" + tier + "\"}");
    }

    /** Submitted, approved by its district and scored: ready for the manager's decision. */
    UUID scored(ObjectNode form) {
        UUID id = submitted(form);
        String district = form.path("applicant").path("district").asText();
        assertThat(approve(id, district).status()).isEqualTo(200);
        assertThat(score(id, "80").status()).isEqualTo(200);
        return id;
    }

    UUID awarded(ObjectNode form, String tier) {
        UUID id = scored(form);
        Response response = award(id, tier);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return id;
    }
}
