package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.Ledger;
import cn.tj.specialfund.query.ProjectionFixture;
import cn.tj.specialfund.query.Scenario;
import cn.tj.specialfund.query.applicationstate.ApplicationFold;
import cn.tj.specialfund.query.applicationstate.ApplicationState;
import cn.tj.specialfund.query.applicationstate.ApplicationStateTable;
import org.junit.jupiter.api.Test;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationProjectionTest {

    private final ProjectionFixture fixture = new ProjectionFixture();
    private final ApplicationProjection projection = new ApplicationProjection(fixture.batches, fixture.jdbc);
    private final ApplicationStateTable table = new ApplicationStateTable("application_view", fixture.jdbc);

    @Test
    void everyApplicationStandsAsItsEventsLeftIt() {
        Scenario s = new Scenario(new Ledger());
        fixture.feed(projection, s.ledger.written(), 7);

        Map<java.util.UUID, ApplicationState> states = table.load(List.of(s.a, s.b, s.c, s.d, s.e, s.f));
        ApplicationState a = states.get(s.a);
        assertThat(a.status()).isEqualTo(ApplicationStatus.TOPPED_UP);
        assertThat(a.tier()).isEqualTo(Tier.MIIT_PILOT);
        assertThat(a.score()).isEqualByComparingTo("86.5");
        assertThat(List.of(a.eligibleInvestment().amount(), a.requestedSpecialFunds().amount(),
                a.awardedAmount().amount(), a.topUpAmount().amount(), a.totalSupport().amount(),
                a.municipalShare().amount(), a.districtShare().amount()))
                .containsExactly(new BigDecimal("6000000.00"), new BigDecimal("1200000.00"),
                        new BigDecimal("1200000.00"), new BigDecimal("600000.00"), new BigDecimal("1800000.00"),
                        new BigDecimal("900000.00"), new BigDecimal("900000.00"));

        ApplicationState f = states.get(s.f);
        assertThat(f.status()).isEqualTo(ApplicationStatus.AWARDED);
        assertThat(f.tier()).isEqualTo(Tier.MUNICIPAL);
        assertThat(List.of(f.awardedAmount().amount(), f.municipalShare().amount(), f.districtShare().amount(),
                f.totalSupport().amount()))
                .containsExactly(new BigDecimal("246913.57"), new BigDecimal("123456.79"),
                        new BigDecimal("123456.78"), new BigDecimal("246913.57"));

        ApplicationState b = states.get(s.b);
        assertThat(b.status()).isEqualTo(ApplicationStatus.SCORED);
        assertThat(b.tier()).isNull();
        assertThat(b.eligibleInvestment().amount()).isEqualTo(new BigDecimal("3333333.33"));
        assertThat(b.awardedAmount().amount()).isEqualTo(new BigDecimal("0.00"));

        assertThat(states.get(s.c).status()).isEqualTo(ApplicationStatus.NOT_SELECTED);
        assertThat(states.get(s.d).status()).isEqualTo(ApplicationStatus.DISTRICT_REJECTED);
        assertThat(states.get(s.d).score()).isNull();
        assertThat(states.get(s.e).status()).isEqualTo(ApplicationStatus.SCORED);
        assertThat(states.get(s.e).claimableTier()).isEqualTo(Tier.MIIT_PILOT);
        assertThat(fixture.jdbc.queryForObject("SELECT COUNT(*) FROM application_view", Long.class)).isEqualTo(6);
    }

    @Test
    void theCountsFollowEveryApplicationToItsStatusWhateverTheBatchSize() {
        Scenario s = new Scenario(new Ledger());
        ApplicationCounts counts = new ApplicationCounts(fixture.jdbc);
        fixture.feed(projection, s.ledger.written(), 3);

        assertThat(counts.total(new ApplicationRows.Filter(null, null, null))).isEqualTo(6);
        assertThat(counts.total(new ApplicationRows.Filter(null, null, "SCORED"))).isEqualTo(2);
        assertThat(counts.total(new ApplicationRows.Filter(null, null, "SUBMITTED"))).isZero();
        assertThat(counts.total(new ApplicationRows.Filter(null, null, "TOPPED_UP"))).isEqualTo(1);
        assertThat(countRows(fixture)).isEqualTo(viewCounted(fixture));

        ProjectionFixture oneByOne = new ProjectionFixture();
        oneByOne.feed(new ApplicationProjection(oneByOne.batches, oneByOne.jdbc), s.ledger.written(), 1);
        assertThat(countRows(oneByOne)).isEqualTo(countRows(fixture));
    }

    @Test
    void aRebuildSetsEveryCountFromTheLogWhateverTheyWere() {
        Scenario s = new Scenario(new Ledger());
        fixture.feed(projection, s.ledger.written(), 7);
        List<Map<String, Object>> live = countRows(fixture);
        fixture.jdbc.update("UPDATE application_count SET applications = 99 WHERE direction = '2.5' AND district = 'JIZHOU'");

        List<Map<String, Object>> liveDays = dayRows(fixture);
        fixture.jdbc.update("UPDATE application_day_count SET applications = 99");

        fixture.rebuild(projection, s.ledger.written(), 2, 1, "application_view");

        assertThat(countRows(fixture)).isEqualTo(live).isEqualTo(viewCounted(fixture));
        assertThat(dayRows(fixture)).isEqualTo(liveDays).isEqualTo(viewCountedByDay(fixture));
    }

    @Test
    void theDayCountsAnswerAnySubmissionRangeAsCountingTheApplicationsWould() {
        Ledger ledger = new Ledger();
        // three applications every 20 hours from 2020-09-01 16:00 Beijing time, one of each three approved
        for (int n = 0; n < 6; n++) {
            for (int i = 0; i < 3; i++) {
                java.util.UUID id = ledger.submit(Ledger.form("Day " + n + "-" + i, Direction.D1_1,
                        i == 0 ? District.XIQING : District.JINNAN, "100000", "0", "20000", false), "100000", "20000",
                        Tier.MUNICIPAL);
                if (i == 1) {
                    ledger.approve(id);
                }
            }
            ledger.advance(java.time.Duration.ofHours(20));
        }
        fixture.feed(projection, ledger.written(), 4);
        assertThat(dayRows(fixture)).isEqualTo(viewCountedByDay(fixture)).hasSizeGreaterThan(6);

        ApplicationCounts counts = new ApplicationCounts(fixture.jdbc);
        List<Instant[]> ranges = List.of(
                // whole Beijing days, as the page sends them
                range("2020-09-01T16:00:00Z", "2020-09-04T15:59:59.999999999Z"),
                // from and to within days
                range("2020-09-02T03:00:00Z", "2020-09-04T20:00:00Z"),
                range("2020-09-01T08:01:00Z", "2020-09-03T04:02:00Z"),
                // open on one side
                range(null, "2020-09-03T01:00:00Z"), range("2020-09-02T01:00:00Z", null),
                range("2020-01-01T00:00:00Z", null),
                // within a day, and of one instant: an application's own submission time
                range("2020-09-02T05:00:00Z", "2020-09-02T05:30:00Z"),
                range("2020-09-01T08:00:00Z", "2020-09-01T08:00:00Z"));
        for (Instant[] range : ranges) {
            for (ApplicationRows.Filter filter : List.of(
                    new ApplicationRows.Filter(null, null, null, null, java.util.Set.of(), range[0], range[1]),
                    new ApplicationRows.Filter(null, "XIQING", null, null, java.util.Set.of(), range[0], range[1]),
                    new ApplicationRows.Filter("1.1", "JINNAN", "DISTRICT_APPROVED", null, java.util.Set.of(),
                            range[0], range[1]))) {
                Long counted = fixture.jdbc.queryForObject("SELECT COUNT(*) FROM application_view" + filter.where(),
                        Long.class, filter.parameters().toArray());
                assertThat(counts.totalInRange(filter)).as("%s", filter).isEqualTo(counted);
            }
        }
        assertThat(counts.totalInRange(new ApplicationRows.Filter(null, null, null, null, java.util.Set.of(),
                Instant.parse("2020-09-01T16:00:00Z"), null))).isEqualTo(15);
    }

    @Test
    void theVerificationFoldFindsADayCountThatWasChanged() {
        Scenario s = new Scenario(new Ledger());
        fixture.feed(projection, s.ledger.written(), 3);
        assertThat(fixture.verify(projection, s.ledger.written())).isEmpty();

        fixture.jdbc.update("UPDATE application_day_count SET applications = applications + 1 "
                + "WHERE status = 'SCORED' AND district = 'XIQING'");
        assertThat(fixture.verify(projection, s.ledger.written()))
                .extracting(cn.tj.specialfund.query.projection.ReadModelDifference::key)
                .containsExactly("application_day_count/DayKey[submittedOn=2020-09-01, key=Key[direction=1.1, "
                        + "district=XIQING, status=SCORED]]");
    }

    private static Instant[] range(String from, String to) {
        return new Instant[]{from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to)};
    }

    private static List<Map<String, Object>> dayRows(ProjectionFixture db) {
        return db.jdbc.queryForList("SELECT submitted_on, direction, district, status, applications "
                + "FROM application_day_count WHERE applications <> 0 ORDER BY submitted_on, direction, district, status");
    }

    /** The day counts counted from application_view, by the Beijing date of submission. */
    private static List<Map<String, Object>> viewCountedByDay(ProjectionFixture db) {
        Map<List<Object>, Long> counted = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        db.jdbc.query("SELECT submitted_at, direction, district, status FROM application_view", rs -> {
            java.time.LocalDate day = cn.tj.specialfund.query.projection.CallDays.of(
                    rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
            counted.merge(List.of(day, rs.getString(2), rs.getString(3), rs.getString(4)), 1L, Long::sum);
        });
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        counted.forEach((key, n) -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("SUBMITTED_ON", java.sql.Date.valueOf((java.time.LocalDate) key.get(0)));
            row.put("DIRECTION", key.get(1));
            row.put("DISTRICT", key.get(2));
            row.put("STATUS", key.get(3));
            row.put("APPLICATIONS", n);
            rows.add(row);
        });
        return rows;
    }

    /** The non-zero counts, in key order. */
    private static List<Map<String, Object>> countRows(ProjectionFixture db) {
        return db.jdbc.queryForList("SELECT direction, district, status, applications FROM application_count "
                + "WHERE applications <> 0 ORDER BY direction, district, status");
    }

    /** The same figures counted from application_view itself. */
    private static List<Map<String, Object>> viewCounted(ProjectionFixture db) {
        return db.jdbc.queryForList("SELECT direction, district, status, COUNT(*) AS applications FROM application_view "
                + "GROUP BY direction, district, status ORDER BY direction, district, status");
    }

    @Test
    void batchSizeDoesNotChangeTheOutcome() {
        Scenario s = new Scenario(new Ledger());
        ProjectionFixture other = new ProjectionFixture();
        fixture.feed(projection, s.ledger.written(), 1);
        other.feed(new ApplicationProjection(other.batches, other.jdbc), s.ledger.written(), 100);
        String query = "SELECT * FROM application_view ORDER BY id";
        assertThat(other.jdbc.queryForList(query)).isEqualTo(fixture.jdbc.queryForList(query));
    }

    @Test
    void theAsOfFoldAndTheViewShareOneMapping() {
        Scenario s = new Scenario(new Ledger());
        fixture.feed(projection, s.ledger.written(), 50);
        ApplicationState folded = null;
        for (var event : s.ledger.written()) {
            if (event.getAggregateIdentifier().equals(s.a.toString())) {
                folded = ApplicationFold.apply(folded, event);
            }
        }
        ApplicationView fromView = ApplicationView.of(table.load(List.of(s.a)).get(s.a));
        ApplicationView fromFold = ApplicationView.of(folded);
        assertThat(fromFold).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(fromView);
        assertThat(fromView.score()).isEqualTo(new BigDecimal("86.5"));
    }

    @org.junit.jupiter.api.Test
    void aRebuildInChunksOfThreeEqualsTheLiveProjection() {
        cn.tj.specialfund.query.ProjectionFixture db = new cn.tj.specialfund.query.ProjectionFixture();
        cn.tj.specialfund.query.Scenario s = new cn.tj.specialfund.query.Scenario(new cn.tj.specialfund.query.Ledger());
        ApplicationProjection live = new ApplicationProjection(db.batches, db.jdbc);
        db.feed(live, s.ledger.written(), 4);
        var before = db.rows("application_view");
        db.jdbc.update("DELETE FROM " + "application_view" + " WHERE 1 = 1");

        assertThat(db.rebuild(live, s.ledger.written(), 3, 2, "application_view")).isEqualTo(before);
        assertThat(db.rebuild(live, s.ledger.written(), 1, 1, "application_view")).isEqualTo(before);
        assertThat(db.rebuild(live, s.ledger.written(), 1000, 1000, "application_view")).isEqualTo(before);
        assertThat(db.rows("application_view_shadow").get("application_view_shadow")).isEmpty();
    }
}
