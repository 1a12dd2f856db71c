package cn.tj.specialfund.sample;

import cn.tj.specialfund.coreapi.RecordDisbursement;
import cn.tj.specialfund.coreapi.ReverseDisbursement;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Shares;
import cn.tj.specialfund.coreapi.value.Tier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The sample call's payments through 2021 (§8): the city pays most awards' municipal share within weeks, most
 * districts pay their matching share within the 90 days, two districts are late or do not pay at all (their
 * matching funds end up overdue), some city shares are still held back, top-ups are paid after them, and one city
 * payment is returned by the bank, reversed and paid again on a new voucher. Deterministic for a seed.
 */
final class PaymentPlan {

    private static final ProgramRules RULES = ProgramRules.CALL_2020;
    /** The districts whose matching funds the sample leaves late or unpaid. */
    static final Set<District> LAGGING_DISTRICTS = EnumSet.of(District.BAODI, District.JIZHOU);
    static final Actor FINANCE = Actor.of("finance", Role.FINANCE);

    private final String namespace;
    private final long seed;
    private final Random random;
    private int planned;

    PaymentPlan(String namespace, long seed) {
        this.namespace = namespace;
        this.seed = seed;
        this.random = new Random(seed * 31 + 2021);
    }

    private record Payment(UUID applicationId, UUID disbursementId, District district, FundingSource source,
                           Money amount, LocalDate paidOn, Instant at) {
    }

    /** The payment and reversal steps (sequence −1: the caller numbers them once merged with the top-ups). */
    List<SampleCall.Step> steps(List<SampleCall.PlannedApplication> decided, Map<UUID, Instant> decidedAt,
                                Map<UUID, Instant> toppedUpAt) {
        List<Payment> payments = new ArrayList<>();
        for (SampleCall.PlannedApplication a : decided) {
            if (!a.outcome().awarded()) {
                continue;
            }
            ApplicationForm form = a.form();
            Money eligible = RULES.eligibleInvestment(form.expenditures());
            Tier tier = a.outcome() == SampleCall.Outcome.AWARDED_MIIT_PILOT ? Tier.MIIT_PILOT : Tier.MUNICIPAL;
            Money amount = RULES.awardAmount(RULES.requestedSpecialFunds(form), tier, eligible);
            Shares award = RULES.split(amount);
            LocalDate awardedOn = CallCalendar.dateOf(decidedAt.get(a.id()));
            boolean lagging = LAGGING_DISTRICTS.contains(form.applicant().district());
            if (random.nextInt(100) < 88) {
                pay(payments, a, FundingSource.MUNICIPAL, award.municipalShare(), awardedOn.plusDays(25 + random.nextInt(50)));
            }
            int roll = random.nextInt(100);
            if (lagging ? roll < 50 : roll < 88) {
                int days = lagging ? 120 + random.nextInt(80) : 25 + random.nextInt(60);
                pay(payments, a, FundingSource.DISTRICT, award.districtShare(), awardedOn.plusDays(days));
            } else if (!lagging && roll < 94) {
                pay(payments, a, FundingSource.DISTRICT, award.districtShare(), awardedOn.plusDays(100 + random.nextInt(60)));
            }
            if (a.outcome() == SampleCall.Outcome.TOPPED_UP) {
                Shares topUp = RULES.split(RULES.topUpAmount(eligible, amount));
                LocalDate toppedUpOn = CallCalendar.dateOf(toppedUpAt.get(a.id()));
                pay(payments, a, FundingSource.MUNICIPAL, topUp.municipalShare(), toppedUpOn.plusDays(20 + random.nextInt(40)));
                if (!lagging) {
                    pay(payments, a, FundingSource.DISTRICT, topUp.districtShare(), toppedUpOn.plusDays(20 + random.nextInt(60)));
                }
            }
        }
        payments.sort(Comparator.comparing(Payment::at));
        return steps(payments);
    }

    /** Numbers the vouchers in the order the payments were made, and returns the first city payment to the bank. */
    private List<SampleCall.Step> steps(List<Payment> payments) {
        Payment returned = payments.stream().filter(p -> p.source() == FundingSource.MUNICIPAL).findFirst().orElse(null);
        List<SampleCall.Step> steps = new ArrayList<>();
        List<Payment> all = new ArrayList<>(payments);
        if (returned != null) {
            LocalDate again = CallCalendar.weekdayFrom(returned.paidOn().plusDays(12));
            all.add(new Payment(returned.applicationId(), disbursementId(), returned.district(), returned.source(),
                    returned.amount(), again, CallCalendar.during(again, 90)));
            LocalDate reversedOn = CallCalendar.weekdayFrom(returned.paidOn().plusDays(5));
            steps.add(new SampleCall.Step(returned.applicationId(), -1, FINANCE,
                    new ReverseDisbursement(returned.applicationId(), returned.disbursementId(), "银行退票：收款账户信息有误，重新拨付"),
                    CallCalendar.during(reversedOn, 60)));
        }
        all.sort(Comparator.comparing(Payment::at));
        int cityVouchers = 0;
        Map<District, Integer> districtVouchers = new EnumMap<>(District.class);
        for (Payment p : all) {
            String voucher = p.source() == FundingSource.MUNICIPAL
                    ? "津财指〔" + p.paidOn().getYear() + "〕" + (++cityVouchers) + "号"
                    : p.district().displayName() + "财拨〔" + p.paidOn().getYear() + "〕"
                            + districtVouchers.merge(p.district(), 1, Integer::sum) + "号";
            Actor payer = p.source() == FundingSource.MUNICIPAL ? FINANCE : SampleCall.officerOf(p.district());
            steps.add(new SampleCall.Step(p.applicationId(), -1, payer, new RecordDisbursement(p.applicationId(),
                    p.disbursementId(), p.source(), p.amount(), p.paidOn(), voucher), p.at()));
        }
        steps.sort(Comparator.comparing(SampleCall.Step::at));
        return steps;
    }

    /** A share of a fen rounds to a district share of zero: nothing to pay. */
    private void pay(List<Payment> payments, SampleCall.PlannedApplication a, FundingSource source, Money amount,
                     LocalDate planned) {
        LocalDate paidOn = CallCalendar.weekdayFrom(planned);
        Instant at = CallCalendar.during(paidOn, 30 + random.nextInt(400));
        if (!amount.isZero()) {
            payments.add(new Payment(a.id(), disbursementId(), a.form().applicant().district(), source, amount, paidOn, at));
        }
    }

    private UUID disbursementId() {
        return UUID.nameUUIDFromBytes((namespace + ":" + seed + ":disbursement:" + planned++).getBytes(StandardCharsets.UTF_8));
    }
}
