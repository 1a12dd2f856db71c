package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.query.applicationstate.ApplicationState;
import cn.tj.specialfund.query.web.Access;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboards (any authenticated user). They read a few small counter rows, never the whole history, so
 * they answer as fast with the millionth event as with the first. One read-only transaction per request, so
 * each answer is one consistent snapshot.
 */
@RestController
@RequestMapping("/api/dashboard")
@Transactional(readOnly = true)
class DashboardController {

    private final DashboardTables counters;
    private final JdbcTemplate jdbc;
    private final ProgramRules rules = ProgramRules.CALL_2020;

    DashboardController(JdbcTemplate jdbc) {
        this.counters = new DashboardTables(jdbc);
        this.jdbc = jdbc;
    }

    /**
     * A capped direction's SCORED applications, best score first (earlier submission first on equal scores):
     * an ordered range of {@code ix_dashboard_application_cap_order}, three columns per row and no entity
     * mapping, since the list grows with every refused award.
     */
    private static final String CANDIDATES = "SELECT id, project_name, district, score FROM dashboard_application "
            + "WHERE direction = ? AND status = ?";
    private static final String CANDIDATE_COUNT = "SELECT COUNT(*) FROM dashboard_application "
            + "WHERE direction = ? AND status = ?";
    private static final String OF_DISTRICT = " AND district = ?";
    private static final String BEST_FIRST = " ORDER BY score DESC, submitted_at, submission_position LIMIT ?";

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
    DirectionsDashboard directions() {
        Map<Direction, DirectionFigures> rows = counters.directions();
        List<DirectionRow> result = new ArrayList<>();
        DirectionTotals totals = new DirectionTotals(0, 0, 0, 0, 0, 0, money(BigDecimal.ZERO), money(BigDecimal.ZERO),
                money(BigDecimal.ZERO));
        for (Direction d : Direction.values()) {
            DirectionFigures r = rows.getOrDefault(d, DirectionFigures.NONE);
            DirectionRow row = new DirectionRow(d.code(), d.displayName(), rules.capOf(d).orElse(null),
                    r.submitted(), r.districtApproved(), r.scored(), r.awarded(), r.notSelected(),
                    r.districtRejected(), money(r.awardedAmount()), money(r.topUpAmount()), money(r.totalSupport()));
            result.add(row);
            totals = new DirectionTotals(totals.submitted() + row.submitted(),
                    totals.districtApproved() + row.districtApproved(), totals.scored() + row.scored(),
                    totals.awarded() + row.awarded(), totals.notSelected() + row.notSelected(),
                    totals.districtRejected() + row.districtRejected(),
                    totals.awardedAmount().add(row.awardedAmount()), totals.topUpAmount().add(row.topUpAmount()),
                    totals.totalSupport().add(row.totalSupport()));
        }
        return new DirectionsDashboard(result, totals);
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
    Caps caps(@RequestParam(required = false) Integer limit) {
        int most = InputLimits.Range.LIMIT.check(limit);
        Map<Direction, DirectionFigures> rows = counters.directions();
        Optional<District> own = Access.ownDistrict();
        List<Cap> caps = new ArrayList<>();
        for (Direction d : Direction.values()) {
            Integer cap = rules.capOf(d).orElse(null);
            if (cap == null) {
                continue;
            }
            long awarded = rows.getOrDefault(d, DirectionFigures.NONE).awarded();
            RowMapper<Candidate> candidate = (rs, i) -> new Candidate(rs.getString(1), rs.getString(2),
                    rs.getString(3), ApplicationState.plainScore(rs.getBigDecimal(4)));
            List<Candidate> scored = own.isEmpty()
                    ? jdbc.query(CANDIDATES + BEST_FIRST, candidate, d.code(), ApplicationStatus.SCORED.name(), most)
                    : jdbc.query(CANDIDATES + OF_DISTRICT + BEST_FIRST, candidate, d.code(),
                    ApplicationStatus.SCORED.name(), own.get().name(), most);
            Long count = own.isEmpty()
                    ? jdbc.queryForObject(CANDIDATE_COUNT, Long.class, d.code(), ApplicationStatus.SCORED.name())
                    : jdbc.queryForObject(CANDIDATE_COUNT + OF_DISTRICT, Long.class, d.code(),
                    ApplicationStatus.SCORED.name(), own.get().name());
            caps.add(new Cap(d.code(), d.displayName(), cap, awarded, Math.max(0, cap - awarded), count, scored));
        }
        return new Caps(caps);
    }

    record DistrictRow(String code, String name, long awardedProjects, BigDecimal totalSupport,
                       BigDecimal municipalShare, BigDecimal matchingObligation, BigDecimal pendingExposure) {
    }

    record Districts(List<DistrictRow> districts) {
    }

    @GetMapping("/districts")
    Districts districts() {
        Map<District, DistrictFigures> rows = counters.districts();
        List<DistrictRow> result = new ArrayList<>();
        for (District d : District.values()) {
            DistrictFigures r = rows.getOrDefault(d, DistrictFigures.NONE);
            result.add(new DistrictRow(d.name(), d.displayName(), r.awardedProjects(), money(r.totalSupport()),
                    money(r.municipalShare()), money(r.matchingObligation()), money(r.pendingExposure())));
        }
        return new Districts(result);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
