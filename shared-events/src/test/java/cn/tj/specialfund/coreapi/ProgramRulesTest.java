package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Shares;
import cn.tj.specialfund.coreapi.value.Tier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures of 一、支持方向 and 四(二), to the fen. */
class ProgramRulesTest {

    private final ProgramRules rules = ProgramRules.CALL_2020;

    @Test
    void municipalDemonstrationIsTwentyPercentUpToThreeMillion() {
        assertThat(rules.ceiling(Tier.MUNICIPAL, Money.of("6000000"))).isEqualTo(Money.of("1200000"));
        assertThat(rules.ceiling(Tier.MUNICIPAL, Money.of("15000000.05"))).isEqualTo(Money.of("3000000"));
        assertThat(rules.ceiling(Tier.MUNICIPAL, Money.of("0.04"))).isEqualTo(Money.ZERO);
    }

    @Test
    void miitPilotIsThirtyPercentUpToFiveMillion() {
        assertThat(rules.ceiling(Tier.MIIT_PILOT, Money.of("12345678.91"))).isEqualTo(Money.of("3703703.67"));
        assertThat(rules.ceiling(Tier.MIIT_PILOT, Money.of("20000000"))).isEqualTo(Money.of("5000000"));
    }

    @Test
    void theAwardIsTheRequestWithinTheCeiling() {
        assertThat(rules.awardAmount(Money.of("900000"), Tier.MUNICIPAL, Money.of("6000000"))).isEqualTo(Money.of("900000"));
        assertThat(rules.awardAmount(Money.of("1800000"), Tier.MUNICIPAL, Money.of("6000000"))).isEqualTo(Money.of("1200000"));
    }

    @Test
    void theTopUpBringsTheAwardToTheMiitCeiling() {
        assertThat(rules.topUpAmount(Money.of("20000000"), Money.of("3000000"))).isEqualTo(Money.of("2000000"));
        assertThat(rules.topUpAmount(Money.ZERO, Money.ZERO)).isEqualTo(Money.ZERO);
    }

    @Test
    void cityAndDistrictShareOneToOneTheDistrictRoundedDown() {
        assertThat(rules.split(Money.of("1000000.01"))).isEqualTo(new Shares(Money.of("500000.01"), Money.of("500000.00")));
        assertThat(rules.split(Money.of("1200000"))).isEqualTo(new Shares(Money.of("600000"), Money.of("600000")));
    }

    @Test
    void onlyDirectionOnePointOneIsCappedAtTenProjects() {
        assertThat(rules.capOf(Direction.D1_1)).contains(10);
        for (Direction direction : Direction.values()) {
            if (direction != Direction.D1_1) {
                assertThat(rules.capOf(direction)).isEmpty();
            }
        }
    }

    @Test
    void theCallsDatesAreBeijingDates() {
        assertThat(rules.callDate(Instant.parse("2020-12-15T15:59:59Z"))).isEqualTo(LocalDate.of(2020, 12, 15));
        assertThat(rules.callDate(Instant.parse("2020-12-15T16:00:00Z"))).isEqualTo(LocalDate.of(2020, 12, 16));
    }

    @Test
    void matchingFundsAreOverdueOnceNinetyDaysHavePassedOldestShareSettledFirst() {
        LocalDate award = LocalDate.of(2020, 12, 15);
        LocalDate topUp = LocalDate.of(2021, 6, 1);
        List<ProgramRules.DistrictShare> shares = List.of(
                new ProgramRules.DistrictShare(award, Money.of("800000")),
                new ProgramRules.DistrictShare(topUp, Money.of("400000")));
        assertThat(rules.matchingFundsDueBy(award)).isEqualTo(LocalDate.of(2021, 3, 15));
        assertThat(rules.overdueMatching(shares, Money.ZERO, LocalDate.of(2021, 3, 15))).isEqualTo(Money.ZERO);
        assertThat(rules.overdueMatching(shares, Money.ZERO, LocalDate.of(2021, 3, 16))).isEqualTo(Money.of("800000"));
        assertThat(rules.overdueMatching(shares, Money.of("300000.50"), LocalDate.of(2021, 3, 16)))
                .isEqualTo(Money.of("499999.50"));
        assertThat(rules.overdueMatching(shares, Money.of("900000"), LocalDate.of(2021, 8, 31)))
                .isEqualTo(Money.of("300000"));
        assertThat(rules.overdueMatching(shares, Money.of("1200000"), LocalDate.of(2022, 1, 1))).isEqualTo(Money.ZERO);
    }

    @Test
    void daysOverdueCountFromTheTermOfTheOldestShareStillUnpaid() {
        LocalDate award = LocalDate.of(2020, 12, 15);
        LocalDate topUp = LocalDate.of(2021, 6, 1);
        List<ProgramRules.DistrictShare> shares = List.of(
                new ProgramRules.DistrictShare(topUp, Money.of("400000")),
                new ProgramRules.DistrictShare(award, Money.of("800000")));
        assertThat(rules.oldestOverdueDueBy(shares, Money.ZERO, LocalDate.of(2021, 3, 15))).isEmpty();
        assertThat(rules.oldestOverdueDueBy(shares, Money.ZERO, LocalDate.of(2021, 3, 16)))
                .contains(LocalDate.of(2021, 3, 15));
        assertThat(rules.daysOverdue(LocalDate.of(2021, 3, 15), LocalDate.of(2021, 3, 16))).isEqualTo(1);
        assertThat(rules.oldestOverdueDueBy(shares, Money.of("799999.99"), LocalDate.of(2021, 8, 31)))
                .contains(LocalDate.of(2021, 3, 15));
        // the award's share settled: the top-up's runs until 2021-08-30
        assertThat(rules.oldestOverdueDueBy(shares, Money.of("800000"), LocalDate.of(2021, 8, 30))).isEmpty();
        assertThat(rules.oldestOverdueDueBy(shares, Money.of("800000"), LocalDate.of(2021, 8, 31)))
                .contains(LocalDate.of(2021, 8, 30));
        assertThat(rules.oldestOverdueDueBy(shares, Money.of("1200000"), LocalDate.of(2022, 1, 1))).isEmpty();
        assertThat(rules.daysOverdue(LocalDate.of(2021, 3, 15), LocalDate.of(2022, 1, 1))).isEqualTo(292);
    }
}
