package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.query.Ledger;
import cn.tj.specialfund.query.ProjectionFixture;
import cn.tj.specialfund.query.Scenario;
import cn.tj.specialfund.query.projection.ReadModelDifference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FinanceProjectionTest {

    private final ProjectionFixture fixture = new ProjectionFixture();

    @Test
    void oneLedgerLinePerAwardAndTopUpAtItsEventsInstant() {
        Scenario s = new Scenario(new Ledger());
        fixture.feed(new FinanceProjection(fixture.batches, fixture.jdbc), s.ledger.written(), 5);

        List<List<Object>> lines = fixture.jdbc.query("SELECT * FROM commitment_entry ORDER BY committed_at",
                (rs, n) -> List.of(rs.getString("application_id"), rs.getString("kind"), rs.getString("direction"),
                        rs.getString("district"), rs.getString("tier"), rs.getBigDecimal("amount").toPlainString(),
                        rs.getBigDecimal("municipal_share").toPlainString(),
                        rs.getBigDecimal("district_share").toPlainString()));
        assertThat(lines).containsExactly(
                List.of(s.a.toString(), "AWARD", "1.1", "XIQING", "MUNICIPAL", "1200000.00", "600000.00", "600000.00"),
                List.of(s.f.toString(), "AWARD", "1.3", "DONGLI", "MUNICIPAL", "246913.57", "123456.79", "123456.78"),
                List.of(s.a.toString(), "TOP_UP", "1.1", "XIQING", "MIIT_PILOT", "600000.00", "300000.00", "300000.00"));
        assertThat(fixture.jdbc.queryForObject("SELECT SUM(amount) FROM commitment_entry", java.math.BigDecimal.class))
                .isEqualByComparingTo("2046913.57");
        var topUp = s.ledger.written().get(s.ledger.written().size() - 1);
        assertThat(fixture.jdbc.queryForObject("SELECT committed_at FROM commitment_entry WHERE kind = 'TOP_UP'",
                java.time.OffsetDateTime.class).toInstant()).isEqualTo(topUp.getTimestamp());
    }

    @org.junit.jupiter.api.Test
    void aRebuildInChunksOfThreeEqualsTheLiveProjection() {
        cn.tj.specialfund.query.ProjectionFixture db = new cn.tj.specialfund.query.ProjectionFixture();
        cn.tj.specialfund.query.Scenario s = new cn.tj.specialfund.query.Scenario(new cn.tj.specialfund.query.Ledger());
        FinanceProjection live = new FinanceProjection(db.batches, db.jdbc);
        db.feed(live, s.ledger.written(), 4);
        var before = db.rows("commitment_entry");
        db.jdbc.update("DELETE FROM " + "commitment_entry" + " WHERE 1 = 1");

        assertThat(db.rebuild(live, s.ledger.written(), 3, 2, "commitment_entry")).isEqualTo(before);
        assertThat(db.rebuild(live, s.ledger.written(), 1, 1, "commitment_entry")).isEqualTo(before);
        assertThat(db.rebuild(live, s.ledger.written(), 1000, 1000, "commitment_entry")).isEqualTo(before);
        assertThat(db.rows("commitment_entry_shadow").get("commitment_entry_shadow")).isEmpty();
    }

    @Test
    void theSumsPerDayAreTheLinesOfEachBeijingDayAndARebuildSetsThemAgain() {
        Scenario s = new Scenario(new Ledger());
        FinanceProjection projection = new FinanceProjection(fixture.batches, fixture.jdbc);
        // the scenario's lines fall on 2020-09-01 (from 16:00 Beijing time), one more award two days later
        Ledger later = new Ledger();
        later.advance(java.time.Duration.ofHours(40));
        java.util.UUID x = later.submit(Ledger.form("Later", cn.tj.specialfund.coreapi.value.Direction.D1_3,
                cn.tj.specialfund.coreapi.value.District.DONGLI, "500000", "0", "100000", false), "500000", "100000",
                cn.tj.specialfund.coreapi.value.Tier.MUNICIPAL);
        later.award(x, cn.tj.specialfund.coreapi.value.Tier.MUNICIPAL, "100000.00", "50000.00", "50000.00");
        List<org.axonframework.eventhandling.DomainEventMessage<?>> events = new java.util.ArrayList<>(s.ledger.written());
        events.addAll(later.written());
        fixture.feed(projection, events, 2);

        assertThat(dayTotals(fixture)).isEqualTo(linesByDay(fixture)).hasSize(4);
        assertThat(fixture.jdbc.query("SELECT committed_on, entries, amount FROM commitment_day_total "
                        + "WHERE direction = '1.3' ORDER BY committed_on",
                (rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getBigDecimal(3).toPlainString()))
                .containsExactly("2020-09-01 1 246913.57", "2020-09-03 1 100000.00");
        assertThat(fixture.jdbc.queryForObject("SELECT SUM(entries) FROM commitment_day_total", Long.class))
                .isEqualTo(4);
        assertThat(fixture.jdbc.queryForObject("SELECT SUM(amount) FROM commitment_day_total",
                java.math.BigDecimal.class)).isEqualByComparingTo("2146913.57");

        List<Map<String, Object>> live = dayTotals(fixture);
        fixture.jdbc.update("UPDATE commitment_day_total SET amount = 1, entries = 7");
        fixture.jdbc.update("INSERT INTO commitment_day_total VALUES (DATE '2020-01-01', '2.5', 'JIZHOU', 'MUNICIPAL', "
                + "5, 3, 2, 1)");
        fixture.rebuild(projection, events, 2, 1, "commitment_entry");
        assertThat(dayTotals(fixture)).isEqualTo(live);
    }

    @Test
    void theVerificationFoldFindsADaySumThatWasChanged() {
        Scenario s = new Scenario(new Ledger());
        FinanceProjection projection = new FinanceProjection(fixture.batches, fixture.jdbc);
        fixture.feed(projection, s.ledger.written(), 3);
        fixture.jdbc.update("UPDATE commitment_day_total SET municipal_share = municipal_share + 0.01 "
                + "WHERE district = 'DONGLI'");

        List<ReadModelDifference> differences = fixture.verify(projection, s.ledger.written());
        assertThat(differences).extracting(ReadModelDifference::key).containsExactly(
                "commitment_day_total/Key[committedOn=2020-09-01, direction=1.3, district=DONGLI, tier=MUNICIPAL]");
        assertThat(differences.get(0).live()).contains("municipalShare=123456.8,");
        assertThat(differences.get(0).fromLog()).contains("municipalShare=123456.79,");
    }

    private static List<Map<String, Object>> dayTotals(ProjectionFixture db) {
        return db.jdbc.queryForList("SELECT committed_on, direction, district, tier, amount, municipal_share, "
                + "district_share, entries FROM commitment_day_total ORDER BY committed_on, direction, district, tier");
    }

    /** The same sums from the ledger's lines, by the Beijing date of each. */
    private static List<Map<String, Object>> linesByDay(ProjectionFixture db) {
        Map<String, Map<String, Object>> sums = new java.util.TreeMap<>();
        db.jdbc.query("SELECT committed_at, direction, district, tier, amount, municipal_share, district_share "
                + "FROM commitment_entry", rs -> {
            java.time.LocalDate day = cn.tj.specialfund.query.projection.CallDays.of(
                    rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
            Map<String, Object> row = sums.computeIfAbsent(day + rs.getString(2) + rs.getString(3) + rs.getString(4),
                    k -> {
                        Map<String, Object> r = new java.util.LinkedHashMap<>();
                        r.put("COMMITTED_ON", java.sql.Date.valueOf(day));
                        r.put("DIRECTION", uncheckedString(rs, 2));
                        r.put("DISTRICT", uncheckedString(rs, 3));
                        r.put("TIER", uncheckedString(rs, 4));
                        r.put("AMOUNT", java.math.BigDecimal.ZERO.setScale(2));
                        r.put("MUNICIPAL_SHARE", java.math.BigDecimal.ZERO.setScale(2));
                        r.put("DISTRICT_SHARE", java.math.BigDecimal.ZERO.setScale(2));
                        r.put("ENTRIES", 0L);
                        return r;
                    });
            row.merge("AMOUNT", rs.getBigDecimal(5), (a, b) -> ((java.math.BigDecimal) a).add((java.math.BigDecimal) b));
            row.merge("MUNICIPAL_SHARE", rs.getBigDecimal(6),
                    (a, b) -> ((java.math.BigDecimal) a).add((java.math.BigDecimal) b));
            row.merge("DISTRICT_SHARE", rs.getBigDecimal(7),
                    (a, b) -> ((java.math.BigDecimal) a).add((java.math.BigDecimal) b));
            row.merge("ENTRIES", 1L, (a, b) -> (Long) a + (Long) b);
        });
        return new java.util.ArrayList<>(sums.values());
    }

    private static String uncheckedString(java.sql.ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theVerificationFoldFindsALedgerLineThatWasChanged() {
        Scenario s = new Scenario(new Ledger());
        FinanceProjection projection = new FinanceProjection(fixture.batches, fixture.jdbc);
        fixture.feed(projection, s.ledger.written(), 3);
        assertThat(fixture.verify(projection, s.ledger.written())).isEmpty();

        String eventId = fixture.jdbc.queryForObject("SELECT event_id FROM commitment_entry WHERE kind = 'TOP_UP'",
                String.class);
        fixture.jdbc.update("UPDATE commitment_entry SET amount = 1 WHERE kind = 'TOP_UP'");
        List<ReadModelDifference> differences = fixture.verify(projection, s.ledger.written());
        assertThat(differences).extracting(ReadModelDifference::key).containsExactly("commitment_entry/" + eventId);
        assertThat(differences.get(0).live()).contains("amount=1,");
        assertThat(differences.get(0).fromLog()).contains("amount=600000,");
    }
}
