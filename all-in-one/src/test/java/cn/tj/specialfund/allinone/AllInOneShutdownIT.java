package cn.tj.specialfund.allinone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one as an operator runs it: its own JVM on an H2 file (the URL as an operator would write it,
 * without H2's shutdown settings), a few refused requests, then SIGTERM. The log shows each refusal as one
 * line with its code and no stack trace, and the shutdown without a single error.
 */
class AllInOneShutdownIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void refusalsAreOneLineEachAndSigtermStopsCleanly() throws Exception {
        int port = freePort();
        Path log = directory.resolve("all-in-one.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), AllInOneApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + directory.resolve("ledger") + ";LOCK_TIMEOUT=10000"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitHealth(port, process, log);
            String unknown = "/api/applications/00000000-0000-4000-8000-000000000000";
            assertThat(post(port, unknown + "/score", "reviewer", "{\"score\":80,\"reviewer\":\"panel\"}")).isEqualTo(404);
            assertThat(post(port, unknown + "/reject", "manager", "{\"reason\":\"\\u0000\"}")).isEqualTo(400);
            assertThat(post(port, "/api/applications", "manager", "{}")).isEqualTo(400);
            assertThat(post(port, "/api/applications", null, "{}")).isEqualTo(401);
            assertThat(get(port, "/api/finance/commitments?asOf=%2B1000000000-01-01T00:00:00Z")).isEqualTo(400);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).contains("Refused POST " + "/api/applications/00000000-0000-4000-8000-000000000000/score 404 NOT_FOUND")
                .contains("400 INVALID_FIELD /reason")
                .contains("Refused POST /api/applications 401 UNAUTHENTICATED")
                .contains("400 INVALID_FIELD asOf")
                .contains("Graceful shutdown complete");
        assertThat(output).as(output).doesNotContainIgnoringCase("already closed");
        assertThat(output.lines().filter(line -> line.matches("\\s+at .*") || line.contains(" ERROR ")))
                .as("stack traces or errors in the log").isEmpty();
    }

    private static void awaitHealth(int port, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the all-in-one exited: %s", Files.readString(log)).isTrue();
            try {
                if (get(port, "/actuator/health") == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the all-in-one did not start: " + Files.readString(log));
    }

    private static int post(int port, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("finance:finance".getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
