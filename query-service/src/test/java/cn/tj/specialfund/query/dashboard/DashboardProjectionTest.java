package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.query.Ledger;
import cn.tj.specialfund.query.ProjectionFixture;
import cn.tj.specialfund.query.Scenario;
import cn.tj.specialfund.query.projection.ReadModelDifference;
import cn.tj.specialfund.coreapi.value.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DashboardProjectionTest {

    private final ProjectionFixture fixture = new ProjectionFixture();

    @Test
    void countersAreExactWhateverTheBatchSize() {
        for (int batchSize : new int[]{1, 4, 100}) {
            ProjectionFixture db = new ProjectionFixture();
            Scenario s = new Scenario(new Ledger());
            db.feed(new DashboardProjection(db.batches, db.jdbc, DashboardSnapshotsTest.direct(db.jdbc)), s.ledger.written(), batchSize);

            assertThat(direction(db, "1.1")).as("1.1, batches of %d", batchSize)
                    .isEqualTo(List.of(3L, 3L, 3L, 1L, 1L, 0L, "1200000.00", "600000.00", "1800000.00"));
            assertThat(direction(db, "1.2")).isEqualTo(List.of(1L, 0L, 0L, 0L, 0L, 1L, "0.00", "0.00", "0.00"));
            assertThat(direction(db, "1.3")).isEqualTo(List.of(1L, 1L, 1L, 1L, 0L, 0L, "246913.57", "0.00", "246913.57"));
            assertThat(direction(db, "2.1")).isEqualTo(List.of(1L, 1L, 1L, 0L, 0L, 0L, "0.00", "0.00", "0.00"));
            assertThat(direction(db, "2.5")).isEqualTo(List.of(0L, 0L, 0L, 0L, 0L, 0L, "0.00", "0.00", "0.00"));

            assertThat(district(db, "XIQING")).isEqualTo(List.of(1L, "1800000.00", "900000.00", "900000.00", "0.00"));
            assertThat(district(db, "BINHAI")).isEqualTo(List.of(0L, "0.00", "0.00", "0.00", "1833333.33"));
            assertThat(district(db, "DONGLI")).isEqualTo(List.of(1L, "246913.57", "123456.79", "123456.78", "0.00"));
            assertThat(district(db, "HEPING")).isEqualTo(List.of(0L, "0.00", "0.00", "0.00", "0.00"));

            assertThat(db.jdbc.queryForList("SELECT id FROM dashboard_application WHERE direction = '1.1' "
                    + "AND status = 'SCORED'", String.class)).containsExactly(s.e.toString());
        }
    }

    @Test
    void aRebuildSetsTheSameFiguresTheLiveProjectionAdded() {
        Scenario s = new Scenario(new Ledger());
        DashboardProjection projection = new DashboardProjection(fixture.batches, fixture.jdbc, DashboardSnapshotsTest.direct(fixture.jdbc));
        fixture.feed(projection, s.ledger.written(), 3);
        List<Map<String, Object>> live = fixture.jdbc.queryForList("SELECT * FROM direction_stats ORDER BY code");
        List<Map<String, Object>> liveDistricts = fixture.jdbc.queryForList("SELECT * FROM district_stats ORDER BY code");

        fixture.rebuild(projection, s.ledger.written(), 100, 100);
        assertThat(fixture.jdbc.queryForList("SELECT * FROM direction_stats ORDER BY code")).isEqualTo(live);
        assertThat(fixture.jdbc.queryForList("SELECT * FROM district_stats ORDER BY code")).isEqualTo(liveDistricts);
    }

    @Test
    void aRebuildInChunksOfThreeWithTwoCachedApplicationsEqualsTheLiveProjection() {
        Scenario s = new Scenario(new Ledger());
        DashboardProjection projection = new DashboardProjection(fixture.batches, fixture.jdbc, DashboardSnapshotsTest.direct(fixture.jdbc));
        fixture.feed(projection, s.ledger.written(), 4);
        String[] tables = {"dashboard_application", "direction_stats", "district_stats"};
        var live = fixture.rows(tables);
        fixture.jdbc.update("UPDATE direction_stats SET submitted = 99");
        fixture.jdbc.update("DELETE FROM dashboard_application WHERE direction = '1.1'");

        assertThat(fixture.rebuild(projection, s.ledger.written(), 3, 2, tables)).isEqualTo(live);
        assertThat(fixture.rebuild(projection, s.ledger.written(), 1, 1, tables)).isEqualTo(live);
        assertThat(fixture.rows("dashboard_application_shadow").get("dashboard_application_shadow")).isEmpty();
    }

    private static List<Object> direction(ProjectionFixture db, String code) {
        return db.jdbc.queryForObject("SELECT * FROM direction_stats WHERE code = ?", (rs, n) -> List.of(
                rs.getLong("submitted"), rs.getLong("district_approved"), rs.getLong("scored"), rs.getLong("awarded"),
                rs.getLong("not_selected"), rs.getLong("district_rejected"),
                rs.getBigDecimal("awarded_amount").toPlainString(), rs.getBigDecimal("top_up_amount").toPlainString(),
                rs.getBigDecimal("total_support").toPlainString()), code);
    }

    private static List<Object> district(ProjectionFixture db, String code) {
        return db.jdbc.queryForObject("SELECT * FROM district_stats WHERE code = ?", (rs, n) -> List.of(
                rs.getLong("awarded_projects"), rs.getBigDecimal("total_support").toPlainString(),
                rs.getBigDecimal("municipal_share").toPlainString(),
                rs.getBigDecimal("matching_obligation").toPlainString(),
                rs.getBigDecimal("pending_exposure").toPlainString()), code);
    }

    @Test
    void theVerificationFoldFindsNothingUntilARowOrAFigureIsChanged() {
        Scenario s = new Scenario(new Ledger());
        DashboardProjection projection = new DashboardProjection(fixture.batches, fixture.jdbc, DashboardSnapshotsTest.direct(fixture.jdbc));
        fixture.feed(projection, s.ledger.written(), 3);
        assertThat(fixture.verify(projection, s.ledger.written())).isEmpty();

        fixture.jdbc.update("UPDATE direction_stats SET submitted = submitted + 1 WHERE code = '1.3'");
        fixture.jdbc.update("UPDATE dashboard_application SET score = 99 WHERE id = ?", s.b.toString());
        assertThat(fixture.verify(projection, s.ledger.written()))
                .extracting(ReadModelDifference::readModel, ReadModelDifference::key)
                .containsExactly(tuple("dashboard-view", "dashboard_application/" + s.b),
                        tuple("dashboard-view", "direction_stats/" + Direction.D1_3));
    }
}
