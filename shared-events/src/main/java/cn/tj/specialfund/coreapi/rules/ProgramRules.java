package cn.tj.specialfund.coreapi.rules;

import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.ConstructionStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.Expenditure;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.FundingRow;
import cn.tj.specialfund.coreapi.value.Material;
import cn.tj.specialfund.coreapi.value.MiitPilot;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Shares;
import cn.tj.specialfund.coreapi.value.Tier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the 2020 call, in one place: rates and caps per tier, the cap on direction 1.1, the
 * investment cut-off, the construction limit, the required materials, and how support is computed and
 * shared. Checks run in the order of the contract's §1 table; the first failure answers.
 */
public final class ProgramRules {

    /** The call of the 2020 guide (津政办规〔2020〕16号 / 津工信规〔2020〕3号). */
    public static final ProgramRules CALL_2020 = new ProgramRules();

    private static final Map<Tier, BigDecimal> RATES = Map.of(
            Tier.MUNICIPAL, new BigDecimal("0.20"),
            Tier.MIIT_PILOT, new BigDecimal("0.30"));
    private static final Map<Tier, Money> CAPS = Map.of(
            Tier.MUNICIPAL, Money.of(3_000_000),
            Tier.MIIT_PILOT, Money.of(5_000_000));
    private static final Map<Direction, Integer> DIRECTION_CAPS = Map.of(Direction.D1_1, 10);
    private static final int FIRST_ELIGIBLE_INVESTMENT_YEAR = 2018;
    private static final int MAX_CONSTRUCTION_YEARS = 2;
    private static final int QUALIFYING_PILOT_YEAR = 2019;
    private static final Set<Material> ALWAYS_REQUIRED =
            EnumSet.of(Material.APPLICATION_FORM, Material.CONSTRUCTION_PLAN, Material.ASSESSMENT_REPORT);

    /** The call's dates (a payment's date, "today", overdue matching funds) are Beijing dates. */
    public static final ZoneId CALL_ZONE = ZoneId.of("Asia/Shanghai");
    /**
     * How long a district has to pay its matching share of an award or top-up before it counts as overdue
     * (配套资金不到位). The guide asks for matching funds "in place" without a deadline; 90 days is this call's
     * interpretation, the usual term of a Tianjin district's budget adjustment.
     */
    private static final int MATCHING_FUNDS_DUE_DAYS = 90;

    private ProgramRules() {
    }

    /** The Beijing date of an instant: the day a payment, an award or "today" falls on. */
    public LocalDate callDate(Instant instant) {
        return instant.atZone(CALL_ZONE).toLocalDate();
    }

    /**
     * §8: a payment never exceeds what its source still owes of its committed share, and is dated between the
     * first award (for either share) and today.
     */
    public void checkDisbursement(FundingSource source, Money amount, Money outstanding, LocalDate paidOn,
                                  LocalDate firstAwardedOn, LocalDate today) {
        if (amount.isGreaterThan(outstanding)) {
            throw violation(ErrorCode.DISBURSEMENT_EXCEEDS_COMMITMENT,
                    "本次拨付 " + amount.grouped() + " 元超过" + source.displayName() + "尚未拨付的 "
                            + outstanding.grouped() + " 元",
                    "the " + source + " share has " + outstanding.grouped() + " outstanding; a payment of "
                            + amount.grouped() + " exceeds it");
        }
        if (paidOn.isBefore(firstAwardedOn)) {
            throw violation(ErrorCode.INVALID_PAYMENT_DATE,
                    "拨付日期 " + paidOn + " 早于立项日期 " + firstAwardedOn,
                    "paidOn " + paidOn + " is before the award of " + firstAwardedOn);
        }
        if (paidOn.isAfter(today)) {
            throw violation(ErrorCode.INVALID_PAYMENT_DATE,
                    "拨付日期 " + paidOn + " 晚于今日（北京时间 " + today + "）",
                    "paidOn " + paidOn + " is in the future (today is " + today + ")");
        }
    }

    /** The last day on which a district share committed on {@code committedOn} is still in time. */
    public LocalDate matchingFundsDueBy(LocalDate committedOn) {
        return committedOn.plusDays(MATCHING_FUNDS_DUE_DAYS);
    }

    /**
     * The district's matching funds overdue on {@code asOf}: the district shares whose term has passed, less what
     * the district has paid (a payment settles the oldest share first), never below zero.
     */
    public Money overdueMatching(List<DistrictShare> shares, Money districtPaid, LocalDate asOf) {
        Money due = Money.sum(shares.stream().filter(s -> asOf.isAfter(matchingFundsDueBy(s.committedOn()))).toList(),
                DistrictShare::amount);
        return due.isGreaterThan(districtPaid) ? due.minus(districtPaid) : Money.ZERO;
    }

    /**
     * The last day in time of the oldest district share still unpaid on {@code asOf} once its term has passed,
     * payments settling the oldest share first as in {@link #overdueMatching}: empty exactly when nothing is
     * overdue. Auditors ask how long matching funds have been missing, not only how much.
     */
    public Optional<LocalDate> oldestOverdueDueBy(List<DistrictShare> shares, Money districtPaid, LocalDate asOf) {
        Money settled = districtPaid;
        for (DistrictShare share : shares.stream().sorted(Comparator.comparing(DistrictShare::committedOn)).toList()) {
            if (!share.amount().isGreaterThan(settled)) {
                settled = settled.minus(share.amount());
                continue;
            }
            LocalDate dueBy = matchingFundsDueBy(share.committedOn());
            return asOf.isAfter(dueBy) ? Optional.of(dueBy) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Whole days past the term on {@code asOf}: 1 on the day after {@code dueBy}. */
    public long daysOverdue(LocalDate dueBy, LocalDate asOf) {
        return ChronoUnit.DAYS.between(dueBy, asOf);
    }

    /** A district share of an award or a top-up, and the Beijing date it was committed on. */
    public record DistrictShare(LocalDate committedOn, Money amount) {
    }

    public BigDecimal rate(Tier tier) {
        return RATES.get(tier);
    }

    public Money cap(Tier tier) {
        return CAPS.get(tier);
    }

    /** How many projects a direction may support, if the call limits it. */
    public Optional<Integer> capOf(Direction direction) {
        return Optional.ofNullable(DIRECTION_CAPS.get(direction));
    }

    public Map<Direction, Integer> directionCaps() {
        return DIRECTION_CAPS;
    }

    /** Investment that may be supported: every expenditure outside the excluded categories (二(五)). */
    public Money eligibleInvestment(List<Expenditure> expenditures) {
        return Money.sum(expenditures.stream().filter(e -> !e.category().isExcludedFromSupport()).toList(),
                Expenditure::amount);
    }

    public Money requestedSpecialFunds(ApplicationForm form) {
        return Money.sum(form.funding(), FundingRow::specialFunds);
    }

    /** {@code floor_to_fen(min(rate × eligibleInvestment, cap))}. */
    public Money ceiling(Tier tier, Money eligibleInvestment) {
        return eligibleInvestment.times(rate(tier)).min(cap(tier));
    }

    /** MIIT_PILOT is open only to a 2019 MIIT pilot claimed as lead applicant, with the approval attached (二(四)). */
    public boolean qualifiesForMiitPilot(ApplicationForm form) {
        MiitPilot pilot = form.miitPilot();
        return pilot != null && pilot.year() == QUALIFYING_PILOT_YEAR && pilot.leadApplicant()
                && form.materials().contains(Material.MIIT_APPROVAL);
    }

    public Tier claimableTier(ApplicationForm form) {
        return qualifiesForMiitPilot(form) ? Tier.MIIT_PILOT : Tier.MUNICIPAL;
    }

    /** What an undecided application may cost at most: {@code min(requested, ceiling(claimable tier))}. */
    public Money potentialAward(Money requested, Tier claimableTier, Money eligibleInvestment) {
        return awardAmount(requested, claimableTier, eligibleInvestment);
    }

    public Money awardAmount(Money requested, Tier tier, Money eligibleInvestment) {
        return requested.min(ceiling(tier, eligibleInvestment));
    }

    /** What a later MIIT selection adds: {@code ceiling(MIIT_PILOT) − awarded}, zero when nothing is left (二(四)). */
    public Money topUpAmount(Money eligibleInvestment, Money awarded) {
        Money ceiling = ceiling(Tier.MIIT_PILOT, eligibleInvestment);
        return ceiling.isGreaterThan(awarded) ? ceiling.minus(awarded) : Money.ZERO;
    }

    /** 1:1 city/district sharing: the district pays half rounded down to the fen, the city the rest. */
    public Shares split(Money amount) {
        Money district = amount.halfFloored();
        return new Shares(amount.minus(district), district);
    }

    /** Every rule of §1 a submitted form must satisfy (the 422s, in table order). */
    public void checkSubmission(ApplicationForm form) {
        if (form.funding().stream().anyMatch(row -> row.year() < FIRST_ELIGIBLE_INVESTMENT_YEAR)) {
            throw violation(ErrorCode.INVESTMENT_BEFORE_CUTOFF,
                    "项目投资须为 " + FIRST_ELIGIBLE_INVESTMENT_YEAR + " 年 1 月 1 日以后发生的投资",
                    "investment counts only from " + FIRST_ELIGIBLE_INVESTMENT_YEAR + "-01-01");
        }
        if (form.constructionStatus() == ConstructionStatus.IN_CONSTRUCTION
                && form.constructionEnd().isAfter(form.constructionStart().plusYears(MAX_CONSTRUCTION_YEARS))) {
            throw violation(ErrorCode.CONSTRUCTION_PERIOD_TOO_LONG,
                    "在建项目建设期不得超过 " + MAX_CONSTRUCTION_YEARS + " 年",
                    "a project under construction may take at most " + MAX_CONSTRUCTION_YEARS + " years");
        }
        form.expenditures().stream()
                .filter(e -> e.category().isExcludedFromSupport() && !e.specialFunds().isZero())
                .findFirst()
                .ifPresent(e -> {
                    throw violation(ErrorCode.EXCLUDED_COST_FUNDED,
                            e.category().displayName() + "（" + e.category() + "）不在专项资金支持范围内，不得申请专项资金",
                            e.category() + " may not be paid from special funds");
                });
        Set<Material> required = requiredMaterials(form.constructionStatus());
        required.removeAll(form.materials());
        if (!required.isEmpty()) {
            throw violation(ErrorCode.MISSING_MATERIAL,
                    "缺少申报材料：" + required.stream().map(m -> m.displayName() + "（" + m + "）")
                            .collect(java.util.stream.Collectors.joining("、")),
                    "missing materials: " + required);
        }
        boolean reportsIndicators = form.industrialInternet() != null;
        if (form.direction().isIndustrialInternet() != reportsIndicators) {
            String code = form.direction().code();
            throw form.direction().isIndustrialInternet()
                    ? violation(ErrorCode.INDUSTRIAL_INTERNET_METRICS,
                    "支持方向 " + code + " 须填报工业互联网平台指标（industrialInternet）",
                    "direction " + code + " must report industrialInternet indicators")
                    : violation(ErrorCode.INDUSTRIAL_INTERNET_METRICS,
                    "支持方向 " + code + " 不填报工业互联网平台指标（industrialInternet），该指标仅适用于 2.x 方向",
                    "direction " + code + " does not report industrialInternet indicators");
        }
        checkBudget(form);
        Tier claimable = claimableTier(form);
        Money ceiling = ceiling(claimable, eligibleInvestment(form.expenditures()));
        Money requested = requestedSpecialFunds(form);
        if (requested.isGreaterThan(ceiling)) {
            throw violation(ErrorCode.REQUEST_EXCEEDS_CEILING,
                    "申请专项资金 " + requested.grouped() + " 元超过" + claimable.displayName() + "项目上限 "
                            + ceiling.grouped() + " 元",
                    "special funds requested " + requested.grouped() + " exceed the " + claimable + " ceiling of "
                            + ceiling.grouped());
        }
    }

    /** 四(二): the district must commit its 1:1 matching funds before it approves. */
    public void checkDistrictApproval(boolean matchingCommitted) {
        if (!matchingCommitted) {
            throw violation(ErrorCode.MATCHING_NOT_COMMITTED, "区级1:1配套资金承诺为区级审核通过的前提",
                    "district approval requires the 1:1 matching commitment");
        }
    }

    /** The tier a manager awards must be one the applicant can claim. */
    public void checkAwardTier(ApplicationForm form, Tier tier) {
        if (tier == Tier.MIIT_PILOT && !qualifiesForMiitPilot(form)) {
            throw violation(ErrorCode.NOT_MIIT_PILOT,
                    "按工信部试点示范项目支持，须为 " + QUALIFYING_PILOT_YEAR
                            + " 年度入选工信部试点示范的项目牵头申报单位，并附工信部试点示范批复文件或合同（MIIT_APPROVAL）",
                    "MIIT_PILOT needs a " + QUALIFYING_PILOT_YEAR
                            + " MIIT pilot claimed as lead applicant with MIIT_APPROVAL attached");
        }
    }

    /** A top-up needs a later MIIT selection in which the applicant led the project. */
    public void checkTopUpPilot(MiitPilot pilot) {
        if (pilot == null || !pilot.leadApplicant()) {
            throw violation(ErrorCode.NOT_MIIT_PILOT, "补齐差额须以项目牵头申报单位身份入选工信部试点示范",
                    "a top-up needs an MIIT pilot selection as lead applicant");
        }
    }

    public Set<Material> requiredMaterials(ConstructionStatus status) {
        Set<Material> required = EnumSet.copyOf(ALWAYS_REQUIRED);
        if (status == ConstructionStatus.COMPLETED) {
            required.add(Material.INVESTMENT_PROOF);
        }
        return required;
    }

    private void checkBudget(ApplicationForm form) {
        List<FundingRow> funding = form.funding();
        List<Expenditure> expenditures = form.expenditures();
        if (funding.isEmpty() || expenditures.isEmpty()) {
            throw budget("项目预算须至少包含一行资金来源和一行支出明细",
                    "the budget needs at least one funding row and one expenditure line");
        }
        Set<Integer> years = new HashSet<>();
        for (FundingRow row : funding) {
            if (!years.add(row.year())) {
                throw budget("资金来源中 " + row.year() + " 年度重复出现", "funding year " + row.year() + " appears twice");
            }
            if (row.total().compareTo(row.selfRaised().plus(row.specialFunds())) != 0) {
                throw budget(row.year() + " 年度资金来源合计 " + row.total().grouped() + " 元不等于自筹资金 "
                                + row.selfRaised().grouped() + " 元与专项资金 " + row.specialFunds().grouped() + " 元之和",
                        "funding " + row.year() + ": total " + row.total().grouped() + " is not selfRaised "
                                + row.selfRaised().grouped() + " + specialFunds " + row.specialFunds().grouped());
            }
        }
        Set<Object> categories = new HashSet<>();
        for (Expenditure line : expenditures) {
            if (!categories.add(line.category())) {
                throw budget("支出明细中 " + line.category().displayName() + "（" + line.category() + "）重复出现",
                        "expenditure category " + line.category() + " appears twice");
            }
            if (line.specialFunds().isGreaterThan(line.amount())) {
                throw budget(line.category().displayName() + "（" + line.category() + "）申请专项资金 "
                                + line.specialFunds().grouped() + " 元超过该项支出金额 " + line.amount().grouped() + " 元",
                        line.category() + " requests " + line.specialFunds().grouped()
                                + " of special funds, more than its amount " + line.amount().grouped());
            }
        }
        Money spent = Money.sum(expenditures, Expenditure::amount);
        Money raised = Money.sum(funding, FundingRow::total);
        if (spent.compareTo(raised) != 0) {
            throw budget("支出明细合计 " + spent.grouped() + " 元与资金来源合计 " + raised.grouped() + " 元不一致",
                    "expenditures total " + spent.grouped() + " but funding totals " + raised.grouped());
        }
        Money specialSpent = Money.sum(expenditures, Expenditure::specialFunds);
        Money specialRaised = Money.sum(funding, FundingRow::specialFunds);
        if (specialSpent.compareTo(specialRaised) != 0) {
            throw budget("支出明细申请专项资金合计 " + specialSpent.grouped() + " 元与资金来源中专项资金合计 "
                            + specialRaised.grouped() + " 元不一致",
                    "expenditures request " + specialSpent.grouped() + " of special funds but funding requests "
                            + specialRaised.grouped());
        }
    }

    private static RuleViolation budget(String zh, String en) {
        return violation(ErrorCode.BUDGET_INCONSISTENT, zh, en);
    }

    private static RuleViolation violation(ErrorCode code, String zh, String en) {
        return new RuleViolation(code, new Detail(zh, en));
    }
}
