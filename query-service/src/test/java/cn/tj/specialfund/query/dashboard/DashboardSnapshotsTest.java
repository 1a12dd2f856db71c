package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.query.Ledger;
import cn.tj.specialfund.query.ProjectionFixture;
import cn.tj.specialfund.query.Scenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards' in-memory answers: replaced after every batch and after a rebuild's swap, re-read when the
 * dashboard processor's tokens moved (another replica's batch), and an ETag per view and content.
 */
class DashboardSnapshotsTest {

    private final ProjectionFixture fixture = new ProjectionFixture();
    private final DashboardSnapshots snapshots = snapshots(fixture);
    private final DashboardProjection projection = new DashboardProjection(fixture.batches, fixture.jdbc, snapshots);
    private final Scenario s = new Scenario(new Ledger());
    private final List<DomainEventMessage<?>> events = s.ledger.written();

    private static DashboardSnapshots snapshots(ProjectionFixture fixture) {
        return direct(fixture.jdbc);
    }

    /** Refreshed on the calling thread without a gap, so that each batch's replacement is done when feed returns. */
    static DashboardSnapshots direct(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return new DashboardSnapshots(jdbc, null, new ObjectMapper(), Runnable::run, java.time.Duration.ZERO);
    }

    @Test
    void everyBatchReplacesTheSnapshotAndNothingElseDoes() {
        fixture.feed(projection, events.subList(0, 2), 2);
        assertThat(submitted()).isEqualTo(2);
        fixture.feed(projection, events.subList(2, events.size()), 3);
        assertThat(submitted()).isEqualTo(6);
        ResponseEntity<DashboardController.Caps> caps = snapshots.caps(Optional.empty(), 20);
        assertThat(caps.getBody().caps().get(0).candidates()).extracting(DashboardController.Candidate::id)
                .containsExactly(s.e.toString());
        assertThat(caps.getBody().caps().get(0).awarded()).isEqualTo(1);

        // a row changed behind the projection's back is not read per request: the answer is the snapshot's
        fixture.jdbc.update("UPDATE direction_stats SET submitted = submitted + 10 WHERE code = '1.1'");
        assertThat(submitted()).isEqualTo(6);
        snapshots.followTokens();
        assertThat(submitted()).as("the tokens did not move").isEqualTo(6);
        // until the dashboard processor's token moves, as it does with another replica's batch, and the follower
        // sees it
        fixture.jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp) "
                + "VALUES ('dashboard-view', 1, ?, 'GlobalSequenceTrackingToken', '2020-01-01T00:00:00Z')",
                (Object) "{\"globalIndex\":99}".getBytes());
        assertThat(submitted()).isEqualTo(6);
        snapshots.followTokens();
        assertThat(submitted()).isEqualTo(16);
        fixture.jdbc.update("UPDATE direction_stats SET submitted = submitted - 10 WHERE code = '1.1'");
        fixture.jdbc.update("UPDATE token_entry SET token = ? WHERE processor_name = 'dashboard-view'",
                (Object) "{\"globalIndex\":100}".getBytes());
        snapshots.followTokens();
        assertThat(submitted()).isEqualTo(6);
    }

    @Test
    void aRebuildsSwapReplacesTheSnapshot() {
        fixture.feed(projection, events, 4);
        fixture.jdbc.update("UPDATE direction_stats SET submitted = 99");
        fixture.jdbc.update("UPDATE district_stats SET awarded_projects = 99");
        snapshots.refresh();
        assertThat(submitted()).isEqualTo(99 * 12);
        String corrupt = snapshots.districts().getHeaders().getETag();

        fixture.rebuild(projection, events, 100, 100);
        assertThat(submitted()).isEqualTo(6);
        assertThat(snapshots.districts().getBody().districts()).filteredOn(d -> d.code().equals("XIQING"))
                .extracting(DashboardController.DistrictRow::awardedProjects).containsExactly(1L);
        assertThat(snapshots.districts().getHeaders().getETag()).isNotEqualTo(corrupt);
    }

    @Test
    void aDistrictOfficersCapsAreTheirDistrictsAndEachViewHasItsOwnETag() {
        fixture.feed(projection, events, 100);
        DashboardController.Cap city = snapshots.caps(Optional.empty(), 20).getBody().caps().get(0);
        DashboardController.Cap binhai = snapshots.caps(Optional.of(District.BINHAI), 20).getBody().caps().get(0);
        DashboardController.Cap xiqing = snapshots.caps(Optional.of(District.XIQING), 20).getBody().caps().get(0);
        assertThat(city.candidateCount()).isEqualTo(1);
        assertThat(binhai.candidates()).extracting(DashboardController.Candidate::id).containsExactly(s.e.toString());
        assertThat(binhai.candidateCount()).isEqualTo(1);
        assertThat(xiqing.candidates()).as("E is BINHAI's").isEmpty();
        assertThat(xiqing.candidateCount()).isZero();
        assertThat(List.of(xiqing.cap(), xiqing.awarded(), xiqing.remaining())).containsExactly(10, 1L, 9L);
        assertThat(snapshots.caps(Optional.empty(), 1).getBody().caps().get(0).candidates()).hasSize(1);

        Set<String> etags = new java.util.HashSet<>();
        for (Optional<District> view : List.of(Optional.<District>empty(), Optional.of(District.BINHAI),
                Optional.of(District.XIQING), Optional.of(District.HEPING))) {
            for (int limit : new int[]{1, 20}) {
                String etag = snapshots.caps(view, limit).getHeaders().getETag();
                assertThat(etag).startsWith("\"").endsWith("\"");
                assertThat(etags.add(etag)).as("%s %d", view, limit).isTrue();
            }
        }
        // XIQING's and HEPING's answers are alike, their ETags are not
        assertThat(snapshots.caps(Optional.of(District.HEPING), 20).getBody())
                .isEqualTo(snapshots.caps(Optional.of(District.XIQING), 20).getBody());

        // another replica's snapshot of the same rows answers with the same ETags
        DashboardSnapshots replica = snapshots(fixture);
        assertThat(replica.directions().getHeaders().getETag()).isEqualTo(snapshots.directions().getHeaders().getETag());
        assertThat(replica.caps(Optional.of(District.BINHAI), 20).getHeaders().getETag())
                .isEqualTo(snapshots.caps(Optional.of(District.BINHAI), 20).getHeaders().getETag());
        assertThat(snapshots.directions().getHeaders().getCacheControl()).contains("no-cache").contains("private");
    }

    @Test
    void aDistrictOfficersViewIsReadWithEveryNewSnapshotNotOnTheirRequest() {
        fixture.feed(projection, events, 100);
        assertThat(snapshots.caps(Optional.of(District.BINHAI), 20).getBody().caps().get(0).candidates())
                .extracting(DashboardController.Candidate::id).containsExactly(s.e.toString());

        fixture.jdbc.update("UPDATE dashboard_application SET score = 42 WHERE id = ?", s.e.toString());
        snapshots.refresh();
        // rows gone after the snapshot was taken: a view read on request would find no candidate
        fixture.jdbc.update("DELETE FROM dashboard_application");
        DashboardController.Cap binhai = snapshots.caps(Optional.of(District.BINHAI), 20).getBody().caps().get(0);
        assertThat(binhai.candidates()).hasSize(1);
        assertThat(binhai.candidates().get(0).score()).isEqualByComparingTo("42");
        assertThat(binhai.candidateCount()).isEqualTo(1);
    }

    private long submitted() {
        return snapshots.directions().getBody().totals().submitted();
    }
}
