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

import java.math.BigDecimal;
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

        fixture.rebuild(projection, s.ledger.written(), 2, 1, "application_view");

        assertThat(countRows(fixture)).isEqualTo(live).isEqualTo(viewCounted(fixture));
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
