package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.query.Ledger;
import cn.tj.specialfund.query.ProjectionFixture;
import cn.tj.specialfund.query.Scenario;
import cn.tj.specialfund.query.projection.ReadModelDifference;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scenario's two awards and one top-up (A 1.1 XIQING: 900,000 + 900,000; F 1.3 DONGLI: 123,456.79 city,
 * 123,456.78 district), then: the city pays A's 900,000 and F's 123,456.79, XIQING pays 500,000 of A, F's city
 * payment is reversed, and 100 days later DONGLI pays 100,000 of F.
 */
class DisbursementProjectionTest {

    private static final String[] TABLES = {"disbursement_application", "disbursement_commitment", "disbursement_entry"};

    private final ProjectionFixture fixture = new ProjectionFixture();
    private final Scenario s = new Scenario(new Ledger());
    private final UUID cityPaysA;
    private final UUID cityPaysF;
    private final Instant afterCityPaysA;
    private final Instant reversal;

    DisbursementProjectionTest() {
        Ledger ledger = s.ledger;
        cityPaysA = ledger.disburse(s.a, FundingSource.MUNICIPAL, "900000", "2020-09-02", "津财指〔2020〕1号", "900000", "0");
        afterCityPaysA = ledger.lastAt();
        cityPaysF = ledger.disburse(s.f, FundingSource.MUNICIPAL, "123456.79", "2020-09-02", "津财指〔2020〕2号",
                "123456.79", "0");
        ledger.disburse(s.a, FundingSource.DISTRICT, "500000", "2020-09-03", "西青财〔2020〕7号", "500000", "400000");
        ledger.reverse(s.f, cityPaysF, FundingSource.MUNICIPAL, "123456.79", "0", "123456.79");
        reversal = ledger.lastAt();
        ledger.advance(Duration.ofDays(100));
        ledger.disburse(s.f, FundingSource.DISTRICT, "100000", "2020-12-09", "东丽财〔2020〕3号", "100000", "23456.78");
    }

    private DisbursementProjection projection() {
        return new DisbursementProjection(fixture.batches, fixture.jdbc);
    }

    private DisbursementFigures.Totals at(Instant asOf) {
        return new DisbursementFigures(fixture.jdbc).totals(new DisbursementFigures.Scope(asOf, null, null));
    }

    private static String text(Object figures) {
        return figures.toString();
    }

    @Test
    void committedPaidOutstandingAndOverdueToTheFen() {
        fixture.feed(projection(), s.ledger.written(), 4);

        DisbursementFigures.Totals now = at(s.ledger.lastAt());
        assertThat(now.committed()).isEqualByComparingTo("2046913.57");
        assertThat(now.paid()).isEqualByComparingTo("1500000");
        assertThat(now.outstanding()).isEqualByComparingTo("546913.57");
        assertThat(now.municipal()).isEqualTo(new DisbursementFigures.Source(new java.math.BigDecimal("1023456.79"),
                new java.math.BigDecimal("900000.00"), new java.math.BigDecimal("123456.79")));
        assertThat(now.district()).isEqualTo(new DisbursementFigures.Source(new java.math.BigDecimal("1023456.78"),
                new java.math.BigDecimal("600000.00"), new java.math.BigDecimal("423456.78")));
        assertThat(now.byDistrict()).hasSize(16);
        assertThat(now.byDistrict().get(0).code()).isEqualTo("HEPING");
        // awarded 2020-09-01 (Beijing), due by 2020-11-30; as of 2020-12-10 ten days overdue; nothing else overdue
        assertThat(now.byDistrict().get(0).oldestOverdueDueBy()).isNull();
        assertThat(now.byDistrict().get(0).daysOverdue()).isNull();
        assertThat(text(now.byDistrict().stream().filter(d -> d.code().equals("XIQING")).findFirst().orElseThrow()))
                .isEqualTo("ByDistrict[code=XIQING, matchingCommitted=900000.00, matchingPaid=500000.00, "
                        + "matchingOutstanding=400000.00, overdue=400000.00, "
                        + "oldestOverdueDueBy=2020-11-30, daysOverdue=10]");
        assertThat(text(now.byDistrict().stream().filter(d -> d.code().equals("DONGLI")).findFirst().orElseThrow()))
                .isEqualTo("ByDistrict[code=DONGLI, matchingCommitted=123456.78, matchingPaid=100000.00, "
                        + "matchingOutstanding=23456.78, overdue=23456.78, "
                        + "oldestOverdueDueBy=2020-11-30, daysOverdue=10]");
        assertThat(now.byDirection()).hasSize(12);
        assertThat(text(now.byDirection().get(0))).isEqualTo("ByDirection[code=1.1, committed=1800000.00, paid=1400000.00]");
        assertThat(text(now.byDirection().get(2))).isEqualTo("ByDirection[code=1.3, committed=246913.57, paid=100000.00]");
    }

    @Test
    void asOfAnInstantCountsTheEventsAtItAndAReversalOnlyFromItsInstant() {
        fixture.feed(projection(), s.ledger.written(), 3);
        DisbursementFigures figures = new DisbursementFigures(fixture.jdbc);

        DisbursementFigures.Totals early = at(afterCityPaysA);
        assertThat(early.paid()).isEqualByComparingTo("900000");
        assertThat(early.byDistrict().stream().mapToDouble(d -> d.overdue().doubleValue()).sum()).isZero();

        DisbursementFigures.Totals beforeReversal = at(reversal.minusMillis(1));
        assertThat(beforeReversal.municipal().paid()).isEqualByComparingTo("1023456.79");
        assertThat(beforeReversal.municipal().outstanding()).isEqualByComparingTo("0");
        DisbursementFigures.Scope scope = new DisbursementFigures.Scope(reversal.minusMillis(1), null, null);
        assertThat(figures.entries(scope, 0, 10)).extracting(DisbursementFigures.Entry::reversed)
                .containsExactly(false, false, false);

        DisbursementFigures.Scope atReversal = new DisbursementFigures.Scope(reversal, null, null);
        assertThat(at(reversal).municipal().paid()).isEqualByComparingTo("900000");
        assertThat(figures.entries(atReversal, 0, 10)).extracting(DisbursementFigures.Entry::reversed)
                .containsExactly(false, true, false);
        assertThat(figures.entries(atReversal, 0, 10)).extracting(DisbursementFigures.Entry::projectName)
                .containsExactly("Alpha MES", "Zeta Cloud", "Alpha MES");
        // overdue only after 90 days from the award's Beijing date
        assertThat(at(reversal).byDistrict().stream().filter(d -> d.overdue().signum() > 0)).isEmpty();
    }

    @Test
    void aDistrictAndADirectionNarrowTheFiguresAndTheEntries() {
        fixture.feed(projection(), s.ledger.written(), 5);
        DisbursementFigures figures = new DisbursementFigures(fixture.jdbc);
        DisbursementFigures.Scope dongli = new DisbursementFigures.Scope(null, null, "DONGLI");
        DisbursementFigures.Totals totals = figures.totals(dongli);
        assertThat(totals.committed()).isEqualByComparingTo("246913.57");
        assertThat(totals.paid()).isEqualByComparingTo("100000");
        assertThat(figures.entryCount(dongli)).isEqualTo(2);
        assertThat(figures.entries(dongli, 0, 100)).extracting(DisbursementFigures.Entry::amount)
                .containsExactly(new java.math.BigDecimal("123456.79"), new java.math.BigDecimal("100000.00"));
        assertThat(figures.entries(dongli, 1, 1)).extracting(DisbursementFigures.Entry::voucher)
                .containsExactly("东丽财〔2020〕3号");
        DisbursementFigures.Scope direction = new DisbursementFigures.Scope(null, "1.1", null);
        assertThat(figures.totals(direction).committed()).isEqualByComparingTo("1800000");
        assertThat(figures.entryCount(direction)).isEqualTo(2);
    }

    @Test
    void aRebuildInAnyChunksEqualsTheLiveProjectionAndTheVerificationSeesAChangedRow() {
        DisbursementProjection live = projection();
        fixture.feed(live, s.ledger.written(), 4);
        var before = fixture.rows(TABLES);
        assertThat(fixture.verify(live, s.ledger.written())).isEmpty();
        for (String table : TABLES) {
            fixture.jdbc.update("DELETE FROM " + table);
        }
        assertThat(fixture.rebuild(live, s.ledger.written(), 3, 2, TABLES)).isEqualTo(before);
        assertThat(fixture.rebuild(live, s.ledger.written(), 1, 1, TABLES)).isEqualTo(before);
        assertThat(fixture.rebuild(live, s.ledger.written(), 1000, 1000, TABLES)).isEqualTo(before);
        assertThat(fixture.rows("disbursement_entry_shadow").get("disbursement_entry_shadow")).isEmpty();

        fixture.jdbc.update("UPDATE disbursement_entry SET reversed_at = NULL WHERE disbursement_id = ?",
                cityPaysF.toString());
        List<ReadModelDifference> differences = fixture.verify(live, s.ledger.written());
        assertThat(differences).extracting(ReadModelDifference::key)
                .containsExactly("disbursement_entry/" + cityPaysF);
        assertThat(differences.get(0).readModel()).isEqualTo("disbursements-ledger");
    }

    @Test
    void aReversalOfAPaymentTheLedgerNeverHadCannotBeApplied() {
        Ledger ledger = new Ledger();
        Scenario other = new Scenario(ledger);
        ledger.reverse(other.a, UUID.randomUUID(), FundingSource.MUNICIPAL, "1", "0", "900000");
        DisbursementProjection projection = projection();
        DisbursementBatch batch = (DisbursementBatch) projection.openBatch(ledger.written());
        ledger.written().subList(0, ledger.written().size() - 1).forEach(batch::apply);
        assertThatThrownBy(() -> batch.apply(ledger.written().get(ledger.written().size() - 1)))
                .hasMessageContaining("never recorded");
        assertThat(cityPaysA).isNotNull();
    }
}
