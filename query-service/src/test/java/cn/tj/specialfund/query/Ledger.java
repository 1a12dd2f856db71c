package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationNotSelected;
import cn.tj.specialfund.coreapi.ApplicationScored;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.DistrictApproved;
import cn.tj.specialfund.coreapi.DistrictRejected;
import cn.tj.specialfund.coreapi.value.Applicant;
import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.ConstructionStatus;
import cn.tj.specialfund.coreapi.value.CreditCode;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Expenditure;
import cn.tj.specialfund.coreapi.value.ExpenditureCategory;
import cn.tj.specialfund.coreapi.value.FundingRow;
import cn.tj.specialfund.coreapi.value.IndustrialInternetMetrics;
import cn.tj.specialfund.coreapi.value.Material;
import cn.tj.specialfund.coreapi.value.MiitPilot;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.PilotProgramme;
import cn.tj.specialfund.coreapi.value.Tier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the events of applications the way the command side would, with the figures given by each test
 * (worked out by hand there), and the metadata every event carries (actor, correlation id).
 */
public final class Ledger {

    private final Map<UUID, Long> sequences = new HashMap<>();
    private final Map<UUID, Direction> directions = new HashMap<>();
    private final Map<UUID, District> districts = new HashMap<>();
    private final List<DomainEventMessage<?>> written = new ArrayList<>();
    private Instant clock = Instant.parse("2020-09-01T08:00:00Z");
    private boolean fixedClock = true;
    private Instant lastRealTime;

    /** Timestamps from the real clock instead of the fixed one that moves a minute per event. */
    public Ledger realTime() {
        fixedClock = false;
        return this;
    }

    public List<DomainEventMessage<?>> written() {
        return written;
    }

    public static CreditCode randomCreditCode() {
        long body = ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        return CreditCode.complete("91120111" + body);
    }

    /**
     * A form investing {@code supported} in software development (with {@code requested} special funds) plus
     * {@code excluded} in civil works, so eligible investment = supported.
     */
    public static ApplicationForm form(String projectName, Direction direction, District district, String supported,
                                       String excluded, String requested, boolean miitPilot) {
        Money software = Money.of(supported);
        Money civil = Money.of(excluded);
        Money special = Money.of(requested);
        Money total = software.plus(civil);
        Set<Material> materials = EnumSet.of(Material.APPLICATION_FORM, Material.CONSTRUCTION_PLAN,
                Material.ASSESSMENT_REPORT, Material.INVESTMENT_PROOF);
        if (miitPilot) {
            materials.add(Material.MIIT_APPROVAL);
        }
        List<Expenditure> lines = new ArrayList<>(List.of(
                new Expenditure(ExpenditureCategory.SOFTWARE_DEVELOPMENT, software, special, "quotation")));
        if (!civil.isZero()) {
            lines.add(new Expenditure(ExpenditureCategory.CIVIL_WORKS, civil, Money.ZERO, "contract"));
        }
        return new ApplicationForm(projectName, direction, new Applicant(projectName + " Co., Ltd.",
                randomCreditCode(), district), ConstructionStatus.COMPLETED, LocalDate.of(2019, 3, 1),
                LocalDate.of(2020, 6, 30), List.of(new FundingRow(2019, total, total.minus(special), special)), lines,
                miitPilot ? new MiitPilot(PilotProgramme.INDUSTRIAL_INTERNET_INNOVATION, 2019, true) : null, false,
                "shorter lead times",
                direction.isIndustrialInternet() ? new IndustrialInternetMetrics(1200, 30000, 12, 45, 80, 5000, 300) : null,
                materials);
    }

    public UUID submit(ApplicationForm form, String eligible, String requested, Tier claimable) {
        UUID id = UUID.randomUUID();
        directions.put(id, form.direction());
        districts.put(id, form.applicant().district());
        write(id, "district-" + form.applicant().district().name().toLowerCase(),
                new ApplicationSubmitted(id, form, Money.of(eligible), Money.of(requested), claimable));
        return id;
    }

    public void approve(UUID id) {
        write(id, "district-" + districts.get(id).name().toLowerCase(),
                new DistrictApproved(id, districts.get(id), true, "同意推荐"));
    }

    public void rejectInDistrict(UUID id) {
        write(id, "district-" + districts.get(id).name().toLowerCase(),
                new DistrictRejected(id, districts.get(id), "材料不全"));
    }

    public void score(UUID id, String score) {
        write(id, "reviewer", new ApplicationScored(id, new BigDecimal(score), "第三方评审机构"));
    }

    public void award(UUID id, Tier tier, String amount, String municipal, String district) {
        write(id, "manager", new ApplicationAwarded(id, directions.get(id), districts.get(id), tier, Money.of(amount),
                Money.of(municipal), Money.of(district)));
    }

    public void notSelected(UUID id) {
        write(id, "manager", new ApplicationNotSelected(id, "得分未进入前列"));
    }

    public void topUp(UUID id, String amount, String municipal, String district, String total) {
        write(id, "manager", new AwardToppedUp(id, directions.get(id), districts.get(id),
                new MiitPilot(PilotProgramme.MANUFACTURING_INTERNET_INTEGRATION, 2020, true), "工信部函〔2020〕88号",
                Money.of(amount), Money.of(municipal), Money.of(district), Money.of(total)));
    }

    /** A payment of one share; {@code paid} and {@code outstanding} are that source's figures after it. */
    public UUID disburse(UUID id, FundingSource source, String amount, String paidOn, String voucher, String paid,
                         String outstanding) {
        UUID disbursementId = UUID.randomUUID();
        write(id, source == FundingSource.MUNICIPAL ? "finance" : "district-" + districts.get(id).name().toLowerCase(),
                new DisbursementRecorded(id, disbursementId, directions.get(id), districts.get(id), source,
                        Money.of(amount), LocalDate.parse(paidOn), voucher, Money.of(paid), Money.of(outstanding)));
        return disbursementId;
    }

    public void reverse(UUID id, UUID disbursementId, FundingSource source, String amount, String paid,
                        String outstanding) {
        write(id, "finance", new DisbursementReversed(id, disbursementId, directions.get(id), districts.get(id), source,
                Money.of(amount), "凭证作废", Money.of(paid), Money.of(outstanding)));
    }

    /** Moves the fixed clock on (the next event is written that much later). */
    public void advance(java.time.Duration duration) {
        clock = clock.plus(duration);
    }

    /** The instant the last event was written at. */
    public Instant lastAt() {
        return written.get(written.size() - 1).getTimestamp();
    }

    private void write(UUID id, String actor, Object payload) {
        long sequence = sequences.merge(id, 0L, (a, b) -> a + 1);
        Instant at;
        if (fixedClock) {
            at = clock;
            clock = clock.plusSeconds(60);
        } else {
            // real instants, but at least a millisecond apart, so as-of instants fall between events
            Instant now = Instant.now();
            at = lastRealTime != null && !now.isAfter(lastRealTime.plusMillis(1)) ? lastRealTime.plusMillis(1) : now;
            lastRealTime = at;
        }
        Map<String, Object> metaData = Map.of("actor", actor, "actorRole", "ADMIN",
                "correlationId", "corr-" + UUID.randomUUID());
        written.add(new GenericDomainEventMessage<>("Application", id.toString(), sequence, payload, metaData,
                UUID.randomUUID().toString(), at));
    }

    /** Events written since {@code from} (an index into {@link #written()}). */
    public List<DomainEventMessage<?>> since(int from) {
        return List.copyOf(written.subList(from, written.size()));
    }
}
