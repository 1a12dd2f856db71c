package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.query.Ledger;
import cn.tj.specialfund.query.ProjectionFixture;
import cn.tj.specialfund.query.Scenario;
import cn.tj.specialfund.query.projection.ReadModelDifference;
import org.junit.jupiter.api.Test;

import java.util.List;

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
