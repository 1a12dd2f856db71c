package cn.tj.specialfund.allinone;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.verifier.BundleCheck;
import cn.tj.specialfund.verifier.NoteVerifier;
import cn.tj.specialfund.verifier.Problem;
import cn.tj.specialfund.verifier.ProofBundle;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application's proof bundle over HTTP (docs/tamper-evidence.md), checked as an auditor checks it: verified as
 * served, refused once tampered with (in the file, and in the database), and served only to those who may read the
 * application's history.
 */
class ProofBundleIT {

    private static IsolatedDatabase database;
    private static ConfigurableApplicationContext context;
    private static LedgerHttp http;
    private static int port;
    private static String applicationId;
    private static String district;
    private static List<NoteVerifier> eventKeys;
    private static NoteVerifier checkpointKey;

    @BeforeAll
    static void start() throws Exception {
        database = IsolatedDatabase.create();
        List<String> args = new ArrayList<>(database.arguments());
        args.add("--server.port=0");
        args.add(SampleCallSwitch.FLAG);
        args.add("--ledger.sample-call.applications=30");
        args.add("--ledger.audit.checkpoint-interval=1s");
        context = new SpringApplicationBuilder(AllInOneApplication.class)
                .run(SampleCallSwitch.translate(args.toArray(String[]::new)));
        port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        http = new LedgerHttp(port);

        JsonNode awarded = http.get("auditor", "auditor", "/api/applications?status=TOPPED_UP&size=1").body();
        JsonNode first = awarded.path("items").path(0);
        if (first.isMissingNode()) {
            first = http.get("auditor", "auditor", "/api/applications?size=1").body().path("items").path(0);
        }
        applicationId = first.get("id").asText();
        district = first.get("district").asText();
        JsonNode keys = http.get("auditor", "auditor", "/api/audit/key").body();
        checkpointKey = NoteVerifier.parse(keys.get("checkpointKey").asText());
        eventKeys = List.of(NoteVerifier.parse(keys.get("eventKey").asText()));
        awaitEveryEventCheckpointed();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void theBundleServedVerifiesEveryEventOfTheApplication() throws Exception {
        HttpResponse<String> response = get("auditor", "auditor", "/api/applications/" + applicationId + "/proof-bundle");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment", "proof-bundle-" + applicationId + ".json");

        ProofBundle bundle = ProofBundle.parse(response.body());
        BundleCheck.Result result = BundleCheck.check(bundle, checkpointKey, eventKeys, null, null);
        assertThat(result.problems()).isEmpty();
        JsonNode history = http.get("auditor", "auditor", "/api/applications/" + applicationId + "/history").body();
        assertThat(result.proved()).isEqualTo(history.get("events").size()).isGreaterThanOrEqualTo(5);
        assertThat(bundle.applicationId()).isEqualTo(applicationId);
        for (int i = 0; i < bundle.events().size(); i++) {
            assertThat(bundle.events().get(i).line().leafIndex())
                    .isEqualTo(history.get("events").get(i).get("leafIndex").asLong());
        }
    }

    @Test
    void aTamperedCopyFails() throws Exception {
        String served = get("auditor", "auditor", "/api/applications/" + applicationId + "/proof-bundle").body();
        ProofBundle bundle = ProofBundle.parse(served);
        ProofBundle.Entry third = bundle.events().get(2);
        String canonical = Base64.getEncoder().encodeToString(third.line().canonical());
        byte[] flipped = third.line().canonical();
        flipped[flipped.length - 20] ^= 0x01;
        Problem altered = check(served.replace(canonical, Base64.getEncoder().encodeToString(flipped)));
        assertThat(altered.kind()).isEqualTo(Problem.Kind.ALTERED);
        assertThat(altered.leafIndex()).isEqualTo(third.line().leafIndex());

        String element = Base64.getEncoder().encodeToString(third.inclusionProof().get(0));
        byte[] wrong = third.inclusionProof().get(0);
        wrong[0] ^= 0x01;
        Problem badProof = check(served.replace("\"inclusionProof\":[\"" + element,
                "\"inclusionProof\":[\"" + Base64.getEncoder().encodeToString(wrong)));
        assertThat(badProof.kind()).isEqualTo(Problem.Kind.BAD_PROOF);

        Problem wrongKey = BundleCheck.check(ProofBundle.parse(served), checkpointKey,
                List.of(NoteVerifier.parse(cn.tj.specialfund.verifier.NoteSigner.generate("tianjin-special-fund-2020-events")
                        .verifier().verifierKey())), null, null).firstProblem();
        assertThat(wrongKey.kind()).isEqualTo(Problem.Kind.UNSIGNED);
    }

    @Test
    void aPayloadChangedInTheDatabaseIsAlteredInTheNextBundle() throws Exception {
        // Its own application, so that the other tests see the log as it was written.
        String id = null;
        for (JsonNode item : http.get("auditor", "auditor", "/api/applications?size=2").body().path("items")) {
            if (!item.get("id").asText().equals(applicationId)) {
                id = item.get("id").asText();
            }
        }
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        String eventId = jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id);
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                byte[].class, eventId);
        String edited = new String(payload, StandardCharsets.UTF_8).replaceFirst("\"projectName\":\"", "\"projectName\":\"X");
        assertThat(edited).isNotEqualTo(new String(payload, StandardCharsets.UTF_8));
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?",
                edited.getBytes(StandardCharsets.UTF_8), eventId);

        Problem problem = check(get("auditor", "auditor", "/api/applications/" + id + "/proof-bundle").body());
        assertThat(problem.kind()).isEqualTo(Problem.Kind.ALTERED);
        assertThat(problem.eventId()).isEqualTo(eventId);
        assertThat(problem.detail()).contains("leafHash");
    }

    @Test
    void whoMayReadTheHistoryMayReadTheBundle() throws Exception {
        String path = "/api/applications/" + applicationId + "/proof-bundle";
        assertThat(get("manager", "manager", path).statusCode()).isEqualTo(200);
        assertThat(get("admin", "admin", path).statusCode()).isEqualTo(200);
        assertThat(get("district-" + district.toLowerCase(), "district", path).statusCode()).isEqualTo(200);
        String other = district.equals("XIQING") ? "district-binhai" : "district-xiqing";
        HttpResponse<String> otherDistrict = get(other, "district", path);
        assertThat(otherDistrict.statusCode()).isEqualTo(403);
        assertThat(otherDistrict.body()).contains("\"code\":\"FORBIDDEN\"");
        assertThat(get("finance", "finance", path).statusCode()).isEqualTo(403);
        assertThat(get("reviewer", "reviewer", path).statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = get("auditor", "auditor", "/api/applications/" + UUID.randomUUID() + "/proof-bundle");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(get("auditor", "auditor", "/api/applications/not-an-id/proof-bundle").statusCode()).isEqualTo(400);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static Problem check(String bundleText) {
        BundleCheck.Result result = BundleCheck.check(ProofBundle.parse(bundleText), checkpointKey, eventKeys, null, null);
        assertThat(result.verified()).as("a tampered bundle fails").isFalse();
        return result.firstProblem();
    }

    /** Until every event of the application is a leaf of a signed checkpoint (one a second here). */
    private static void awaitEveryEventCheckpointed() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get("auditor", "auditor", "/api/applications/" + applicationId + "/proof-bundle");
            if (response.statusCode() == 200 && ProofBundle.parse(response.body()).events().stream()
                    .allMatch(e -> e.inclusionProof() != null)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the application's events were not checkpointed within 60 s");
    }

    private static HttpResponse<String> get(String user, String password, String path)
            throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + credentials)
                        .header("Accept", "application/json, application/problem+json").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
