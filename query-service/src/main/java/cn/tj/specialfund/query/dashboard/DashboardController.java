package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.query.web.Access;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/**
 * The dashboards (any authenticated user). They are built from a few small counter rows, never the whole
 * history, so they answer as fast with the millionth event as with the first; each answer is one consistent
 * snapshot, kept in memory until the read model changes ({@link DashboardSnapshots}), with a strong ETag
 * (If-None-Match → 304).
 */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    private final DashboardSnapshots snapshots;

    DashboardController(DashboardSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    record DirectionRow(String code, String name, Integer cap, long submitted, long districtApproved, long scored,
                        long awarded, long notSelected, long districtRejected, BigDecimal awardedAmount,
                        BigDecimal topUpAmount, BigDecimal totalSupport) {
    }

    record DirectionTotals(long submitted, long districtApproved, long scored, long awarded, long notSelected,
                           long districtRejected, BigDecimal awardedAmount, BigDecimal topUpAmount,
                           BigDecimal totalSupport) {
    }

    record DirectionsDashboard(List<DirectionRow> directions, DirectionTotals totals) {
    }

    @GetMapping("/directions")
    ResponseEntity<DirectionsDashboard> directions() {
        return snapshots.directions();
    }

    record Candidate(String id, String projectName, String district, BigDecimal score) {
    }

    record Cap(String direction, String name, int cap, long awarded, long remaining, long candidateCount,
               List<Candidate> candidates) {
    }

    record Caps(List<Cap> caps) {
    }

    /**
     * At most {@code limit} candidates per direction (default 20, 1–200); {@code candidateCount} counts them all.
     * The cap's figures are city-wide; its candidates, and their count, a district officer's own district's only.
     */
    @GetMapping("/caps")
    ResponseEntity<Caps> caps(@RequestParam(required = false) Integer limit) {
        int most = InputLimits.Range.LIMIT.check(limit);
        return snapshots.caps(Access.ownDistrict(), most);
    }

    record DistrictRow(String code, String name, long awardedProjects, BigDecimal totalSupport,
                       BigDecimal municipalShare, BigDecimal matchingObligation, BigDecimal pendingExposure) {
    }

    record Districts(List<DistrictRow> districts) {
    }

    @GetMapping("/districts")
    ResponseEntity<Districts> districts() {
        return snapshots.districts();
    }
}
