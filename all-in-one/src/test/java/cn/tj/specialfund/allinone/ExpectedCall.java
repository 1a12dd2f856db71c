package cn.tj.specialfund.allinone;

import cn.tj.specialfund.coreapi.ApproveInDistrict;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.RejectApplication;
import cn.tj.specialfund.coreapi.RejectInDistrict;
import cn.tj.specialfund.coreapi.ScoreApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Expenditure;
import cn.tj.specialfund.coreapi.value.FundingRow;
import cn.tj.specialfund.coreapi.value.Material;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the query side must show, worked out by the test itself with plain arithmetic from what it sent
 * (the rates, caps and the 1:1 split written out here, not taken from the production rules).
 */
final class ExpectedCall {

    static final BigDecimal ZERO = money(BigDecimal.ZERO);
    private static final Set<String> EXCLUDED = Set.of("DIGITAL_PRODUCTION_EQUIPMENT", "TEST_INSTRUMENTS", "CIVIL_WORKS");
    private static final BigDecimal MUNICIPAL_RATE = new BigDecimal("0.20");
    private static final BigDecimal MUNICIPAL_CAP = new BigDecimal("3000000");
    private static final BigDecimal MIIT_RATE = new BigDecimal("0.30");
    private static final BigDecimal MIIT_CAP = new BigDecimal("5000000");

    static final class App {
        final UUID id;
        final ApplicationForm form;
        String status = "SUBMITTED";
        String tier;
        BigDecimal score;
        boolean approved;
        boolean scored;
        boolean districtRejected;
        boolean notSelected;
        BigDecimal award = ZERO;
        BigDecimal awardMunicipal = ZERO;
        BigDecimal awardDistrict = ZERO;
        BigDecimal topUp = ZERO;
        BigDecimal topUpMunicipal = ZERO;
        BigDecimal topUpDistrict = ZERO;
        final List<String> events = new ArrayList<>(List.of("ApplicationSubmitted"));

        App(UUID id, ApplicationForm form) {
            this.id = id;
            this.form = form;
        }

        String direction() {
            return form.direction().code();
        }

        District district() {
            return form.applicant().district();
        }

        BigDecimal eligible() {
            BigDecimal sum = ZERO;
            for (Expenditure e : form.expenditures()) {
                if (!EXCLUDED.contains(e.category().name())) {
                    sum = sum.add(e.amount().amount());
                }
            }
            return sum;
        }

        BigDecimal requested() {
            BigDecimal sum = ZERO;
            for (FundingRow row : form.funding()) {
                sum = sum.add(row.specialFunds().amount());
            }
            return sum;
        }

        /** A 2019 MIIT pilot led by the applicant, with the approval attached. */
        boolean claimsMiit() {
            return form.miitPilot() != null && form.miitPilot().year() == 2019 && form.miitPilot().leadApplicant()
                    && form.materials().contains(Material.MIIT_APPROVAL);
        }

        boolean awarded() {
            return status.equals("AWARDED") || status.equals("TOPPED_UP");
        }

        boolean undecided() {
            return status.equals("DISTRICT_APPROVED") || status.equals("SCORED");
        }

        BigDecimal totalSupport() {
            return award.add(topUp);
        }

        BigDecimal municipalShare() {
            return awardMunicipal.add(topUpMunicipal);
        }

        BigDecimal districtShare() {
            return awardDistrict.add(topUpDistrict);
        }

        BigDecimal pendingExposure() {
            BigDecimal ceiling = ceiling(claimsMiit() ? "MIIT_PILOT" : "MUNICIPAL", eligible());
            return half(requested().min(ceiling));
        }
    }

    record Entry(UUID applicationId, String kind, String tier, BigDecimal amount, BigDecimal municipal,
                 BigDecimal district, int phase) {
    }

    private final List<App> apps = new ArrayList<>();
    private final Map<UUID, App> byId = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private int phase;

    /** Marks the instant a test takes for an as-of query: entries before it belong to earlier phases. */
    int nextPhase() {
        return ++phase;
    }

    App submitted(UUID id, ApplicationForm form) {
        App app = new App(id, form);
        apps.add(app);
        byId.put(id, app);
        return app;
    }

    App app(UUID id) {
        return byId.get(id);
    }

    List<App> apps() {
        return apps;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Applies an accepted command the way the contract describes its effect. */
    void accepted(UUID id, Object command) {
        App app = byId.get(id);
        if (command instanceof ApproveInDistrict) {
            app.status = "DISTRICT_APPROVED";
            app.approved = true;
            app.events.add("DistrictApproved");
        } else if (command instanceof RejectInDistrict) {
            app.status = "DISTRICT_REJECTED";
            app.districtRejected = true;
            app.events.add("DistrictRejected");
        } else if (command instanceof ScoreApplication score) {
            app.status = "SCORED";
            app.scored = true;
            app.score = score.score();
            app.events.add("ApplicationScored");
        } else if (command instanceof RejectApplication) {
            app.status = "NOT_SELECTED";
            app.notSelected = true;
            app.events.add("ApplicationNotSelected");
        } else if (command instanceof AwardApplication award) {
            app.status = "AWARDED";
            app.tier = award.tier().name();
            app.award = app.requested().min(ceiling(app.tier, app.eligible()));
            app.awardDistrict = half(app.award);
            app.awardMunicipal = app.award.subtract(app.awardDistrict);
            app.events.add("ApplicationAwarded");
            entries.add(new Entry(id, "AWARD", app.tier, app.award, app.awardMunicipal, app.awardDistrict, phase));
        } else if (command instanceof TopUpAward) {
            app.status = "TOPPED_UP";
            app.tier = "MIIT_PILOT";
            app.topUp = ceiling("MIIT_PILOT", app.eligible()).subtract(app.award);
            app.topUpDistrict = half(app.topUp);
            app.topUpMunicipal = app.topUp.subtract(app.topUpDistrict);
            app.events.add("AwardToppedUp");
            entries.add(new Entry(id, "TOP_UP", "MIIT_PILOT", app.topUp, app.topUpMunicipal, app.topUpDistrict, phase));
        } else {
            throw new IllegalArgumentException("unexpected command " + command);
        }
    }

    // ---- expected figures, in the shapes the assertions compare ----

    /** code → [name, cap, submitted, districtApproved, scored, awarded, notSelected, districtRejected, awardedAmount, topUpAmount, totalSupport]. */
    Map<String, List<Object>> directions() {
        Map<String, List<Object>> result = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            List<App> in = apps.stream().filter(a -> a.direction().equals(d.code())).toList();
            result.put(d.code(), List.of(d.displayName(), d == Direction.D1_1 ? "10" : "null",
                    (long) in.size(), count(in, a -> a.approved), count(in, a -> a.scored), count(in, App::awarded),
                    count(in, a -> a.notSelected), count(in, a -> a.districtRejected),
                    sum(in, a -> a.award), sum(in, a -> a.topUp), sum(in, App::totalSupport)));
        }
        return result;
    }

    /** [submitted, districtApproved, scored, awarded, notSelected, districtRejected, awardedAmount, topUpAmount, totalSupport]. */
    List<Object> directionTotals() {
        return List.of((long) apps.size(), count(apps, a -> a.approved), count(apps, a -> a.scored),
                count(apps, App::awarded), count(apps, a -> a.notSelected), count(apps, a -> a.districtRejected),
                sum(apps, a -> a.award), sum(apps, a -> a.topUp), sum(apps, App::totalSupport));
    }

    /** The 1.1 cap: [cap, awarded, remaining]. */
    List<Object> cap11() {
        long awarded = count(in11(), App::awarded);
        return List.of(10L, awarded, 10L - awarded);
    }

    /** SCORED 1.1 applications, best score first: [id, projectName, score]. */
    List<List<Object>> candidates11() {
        return in11().stream().filter(a -> a.status.equals("SCORED"))
                .sorted(Comparator.comparing((App a) -> a.score).reversed())
                .map(a -> List.<Object>of(a.id.toString(), a.form.projectName(), score(a.score)))
                .toList();
    }

    private List<App> in11() {
        return apps.stream().filter(a -> a.direction().equals("1.1")).toList();
    }

    /** code → [name, awardedProjects, totalSupport, municipalShare, matchingObligation, pendingExposure]. */
    Map<String, List<Object>> districts() {
        Map<String, List<Object>> result = new LinkedHashMap<>();
        for (District d : District.values()) {
            List<App> in = apps.stream().filter(a -> a.district() == d).toList();
            result.put(d.code(), List.of(d.displayName(), count(in, App::awarded), sum(in, App::totalSupport),
                    sum(in, App::municipalShare), sum(in, App::districtShare),
                    sum(in.stream().filter(App::undecided).toList(), App::pendingExposure)));
        }
        return result;
    }

    /** Ledger entries committed before the as-of instant that ended {@code phaseBefore} (or all). */
    List<Entry> entriesUpTo(int phaseBefore) {
        return entries.stream().filter(e -> e.phase() < phaseBefore).toList();
    }

    static BigDecimal ceiling(String tier, BigDecimal eligible) {
        boolean miit = tier.equals("MIIT_PILOT");
        BigDecimal byRate = eligible.multiply(miit ? MIIT_RATE : MUNICIPAL_RATE);
        return money(byRate.min(miit ? MIIT_CAP : MUNICIPAL_CAP).setScale(2, RoundingMode.FLOOR));
    }

    /** The district's side of the 1:1 split: half, rounded down to the fen. */
    static BigDecimal half(BigDecimal amount) {
        return amount.divide(BigDecimal.valueOf(2)).setScale(2, RoundingMode.FLOOR);
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    static String score(BigDecimal score) {
        return score == null ? "null" : score.stripTrailingZeros().toPlainString();
    }

    static long count(List<App> apps, java.util.function.Predicate<App> p) {
        return apps.stream().filter(p).count();
    }

    static BigDecimal sum(List<App> apps, java.util.function.Function<App, BigDecimal> f) {
        return apps.stream().map(f).reduce(ZERO, BigDecimal::add);
    }
}
