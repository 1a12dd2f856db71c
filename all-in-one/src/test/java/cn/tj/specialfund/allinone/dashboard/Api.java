package cn.tj.specialfund.allinone.dashboard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The contract's HTTP API as an outside client sees it; amounts are read as exact decimals. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode post(String user, String path, Object body) {
        try {
            HttpRequest request = request(user, path, "application/json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
            return JSON.readTree(send(request, path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode get(String user, String path) {
        try {
            return JSON.readTree(send(request(user, path, "application/json").GET().build(), path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String user, String path, String accept) {
        return send(request(user, path, accept).GET().build(), path);
    }

    /** The problem details of a request that must be refused, as the dashboard gets them (in Chinese). */
    JsonNode problem(String user, String path, int expectedStatus) {
        try {
            HttpRequest request = request(user, path, "application/json").header("Accept-Language", "zh-CN").GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ", not " + expectedStatus
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The password of every demo user but the district officers is the user name. */
    private static String password(String user) {
        return user.startsWith("district-") ? "district" : user;
    }

    private HttpRequest.Builder request(String user, String path, String accept) {
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", accept);
    }

    private String send(HttpRequest request, String path) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(request.method() + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
