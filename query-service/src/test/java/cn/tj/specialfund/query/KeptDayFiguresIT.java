package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.projection.CallDays;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A submission range's total and finance's totals as of an instant, answered from the figures kept per Beijing day
 * (V5_3) and the partial days at a range's ends (added, or subtracted from their day), equal what counting the applications and summing the ledger's
 * lines would say, over HTTP; and the migration that fills those figures for a database that already has rows.
 */
class KeptDayFiguresIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static QueryService service;
    private static final List<Submission> SUBMISSIONS = new ArrayList<>();
    private static final List<Line> LINES = new ArrayList<>();

    /** {@code status}: the first of each four is awarded, the second approved, the others stay submitted. */
    private record Submission(Instant at, District district, String status) {
    }

    private record Line(Instant at, District district, BigDecimal amount) {
    }

    @BeforeAll
    static void start() {
        service = QueryService.start(DATABASE);
        // from 2020-09-01 16:00 Beijing time, every 7 hours: 4 applications, the first two approved, the first
        // of them scored and awarded
        Ledger ledger = new Ledger();
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < 4; i++) {
                District district = i % 2 == 0 ? District.XIQING : District.HEXI;
                var id = ledger.submit(Ledger.form("Round " + round + "-" + i, Direction.D1_1, district, "1000000", "0",
                        "200000", false), "1000000", "200000", Tier.MUNICIPAL);
                Instant submitted = ledger.lastAt();
                SUBMISSIONS.add(new Submission(submitted, district,
                        i == 0 ? "AWARDED" : i == 1 ? "DISTRICT_APPROVED" : "SUBMITTED"));
                if (i < 2) {
                    ledger.approve(id);
                }
                if (i == 0) {
                    ledger.score(id, "80");
                    BigDecimal amount = new BigDecimal(100000 + round * 1000 + ".50");
                    BigDecimal municipal = amount.divide(BigDecimal.valueOf(2)).setScale(2, java.math.RoundingMode.HALF_UP);
                    ledger.award(id, Tier.MUNICIPAL, amount.toPlainString(), municipal.toPlainString(),
                            amount.subtract(municipal).toPlainString());
                    LINES.add(new Line(ledger.lastAt(), district, amount));
                }
            }
            ledger.advance(Duration.ofHours(7));
        }
        service.appender(DATABASE).append(ledger.written());
        service.await("auditor", "/api/applications?size=1", body -> body.path("total").asLong() == SUBMISSIONS.size());
        service.await("finance", "/api/finance/commitments?entriesSize=1",
                body -> body.path("entryCount").asLong() == LINES.size());
    }

    @AfterAll
    static void stop() {
        service.close();
        DATABASE.drop();
    }

    private static final List<Instant[]> RANGES = List.of(
            // whole Beijing days as the page sends them (2020-09-02 to 2020-09-03)
            range("2020-09-01T16:00:00Z", "2020-09-03T15:59:59.999999999Z"),
            // both ends within days
            range("2020-09-01T20:30:00Z", "2020-09-04T02:00:00Z"),
            // open on one side; an end late in a day subtracts the rest of the day (round 4, 20:32 Beijing time)
            range(null, "2020-09-03T10:00:00Z"), range(null, "2020-09-02T10:00:00Z"), range("2020-09-02T09:00:00Z", null), range("2020-01-01T00:00:00Z", null),
            // within one day, and one submission's own instant
            range("2020-09-02T01:00:00Z", "2020-09-02T09:00:00Z"), range("2020-09-02T12:00:00Z", "2020-09-02T12:00:00Z"));

    @Test
    void aSubmissionRangesTotalCountsEveryApplicationInItWhateverItsEnds() {
        for (Instant[] r : RANGES) {
            for (String filter : List.of("", "&district=XIQING", "&status=DISTRICT_APPROVED", "&district=HEXI&status=SUBMITTED")) {
                long expected = SUBMISSIONS.stream().filter(s -> (r[0] == null || !s.at().isBefore(r[0]))
                        && (r[1] == null || !s.at().isAfter(r[1]))
                        && (!filter.contains("XIQING") || s.district() == District.XIQING)
                        && (!filter.contains("HEXI") || s.district() == District.HEXI)
                        && (!filter.contains("status=") || filter.endsWith("status=" + s.status()))).count();
                // size=1: the page cannot tell the total, the counts must
                String query = "/api/applications?size=1" + (r[0] == null ? "" : "&submittedFrom=" + encode(r[0]))
                        + (r[1] == null ? "" : "&submittedTo=" + encode(r[1])) + filter;
                QueryService.Response response = service.get("auditor", query);
                assertThat(response.status()).as(query).isEqualTo(200);
                assertThat(response.json().path("total").asLong()).as(query).isEqualTo(expected);
            }
        }
    }

    @Test
    void financesTotalsAsOfAnyInstantAreTheSumsOfTheLinesUpToIt() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.parse("2020-09-02T15:59:59.999999999Z"),
                Instant.parse("2020-09-03T04:00:00Z"), Instant.parse("2020-09-01T07:00:00Z"),
                // 20:00 Beijing time, before round 4's award at 20:35: the rest of the day is subtracted
                Instant.parse("2020-09-02T12:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z")));
        instants.add(LINES.get(5).at());
        instants.add(LINES.get(5).at().minusNanos(1000));
        for (Instant asOf : instants) {
            List<Line> upTo = LINES.stream().filter(l -> !l.at().isAfter(asOf)).toList();
            JsonNode answer = service.get("finance", "/api/finance/commitments?entriesSize=1&asOf=" + encode(asOf)).json();
            assertThat(answer.path("entryCount").asLong()).as("%s", asOf).isEqualTo(upTo.size());
            assertThat(new BigDecimal(answer.path("totalCommitted").asText())).as("%s", asOf)
                    .isEqualByComparingTo(sum(upTo));
            JsonNode xiqing = null;
            for (JsonNode district : answer.path("byDistrict")) {
                if (district.path("code").asText().equals("XIQING")) {
                    xiqing = district;
                }
            }
            assertThat(new BigDecimal(xiqing.path("amount").asText())).as("%s", asOf)
                    .isEqualByComparingTo(sum(upTo.stream().filter(l -> l.district() == District.XIQING).toList()));
        }
        JsonNode now = service.get("finance", "/api/finance/commitments?entriesSize=1").json();
        assertThat(new BigDecimal(now.path("totalCommitted").asText())).isEqualByComparingTo(sum(LINES));
        assertThat(now.path("entryCount").asLong()).isEqualTo(LINES.size());
    }

    @Test
    void theMigrationFillsTheDayFiguresOfADatabaseThatAlreadyHasRowsAsTheProjectionsKeepThem() throws Exception {
        JdbcTemplate jdbc = service.context().getBean(JdbcTemplate.class);
        String days = "SELECT submitted_on, direction, district, status, applications FROM application_day_count "
                + "WHERE applications <> 0 ORDER BY 1, 2, 3, 4";
        String totals = "SELECT committed_on, direction, district, tier, amount, municipal_share, district_share, "
                + "entries FROM commitment_day_total ORDER BY 1, 2, 3, 4";
        List<Map<String, Object>> keptDays = jdbc.queryForList(days);
        List<Map<String, Object>> keptTotals = jdbc.queryForList(totals);
        assertThat(keptDays.stream().map(row -> row.get("submitted_on").toString()).distinct())
                .containsExactly("2020-09-01", "2020-09-02", "2020-09-03", "2020-09-04");
        assertThat(keptTotals.stream().map(row -> LocalDate.parse(row.get("committed_on").toString())).distinct())
                .containsExactlyElementsOf(LINES.stream().map(l -> CallDays.of(l.at())).distinct().toList());

        String vendor = DATABASE.isPostgres() ? "postgresql" : "h2";
        try (Connection c = service.context().getBean(DataSource.class).getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("DELETE FROM application_day_count");
            c.createStatement().execute("DELETE FROM commitment_day_total");
            ScriptUtils.executeSqlScript(c, new ClassPathResource(
                    "db/vendor/" + vendor + "/V5_4__kept_day_figures_from_rows.sql"));
            JdbcTemplate same = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
            List<Map<String, Object>> filledDays = same.queryForList(days);
            List<Map<String, Object>> filledTotals = same.queryForList(totals);
            c.commit();
            assertThat(filledDays).isEqualTo(keptDays);
            assertThat(filledTotals).isEqualTo(keptTotals);
        }
    }

    private static BigDecimal sum(List<Line> lines) {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Instant[] range(String from, String to) {
        return new Instant[]{from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to)};
    }

    private static String encode(Instant at) {
        return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }
}
