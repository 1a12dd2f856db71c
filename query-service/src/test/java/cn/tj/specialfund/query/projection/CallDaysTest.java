package cn.tj.specialfund.query.projection;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CallDaysTest {

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void aDayIsABeijingCalendarDay() {
        assertThat(CallDays.of(at("2020-10-31T15:59:59.999999Z"))).isEqualTo(LocalDate.of(2020, 10, 31));
        assertThat(CallDays.of(at("2020-10-31T16:00:00Z"))).isEqualTo(LocalDate.of(2020, 11, 1));
        assertThat(CallDays.start(LocalDate.of(2020, 11, 1))).isEqualTo(at("2020-10-31T16:00:00Z"));
    }

    @Test
    void theDaysThePageAsksForAreWholeFromTheirFirstToTheirLastNanosecond() {
        // 2020-10-01 to 2020-10-31 as the page sends them: 00:00 and 23:59:59.999999999, Beijing time
        CallDays.Covered covered = CallDays.Covered.by(at("2020-09-30T16:00:00Z"), at("2020-10-31T15:59:59.999999999Z"));
        assertThat(covered.first()).isEqualTo(LocalDate.of(2020, 10, 1));
        assertThat(covered.last()).isEqualTo(LocalDate.of(2020, 10, 31));
        assertThat(covered.isEmpty()).isFalse();
        assertThat(covered.ends()).isEmpty();
    }

    @Test
    void anEndInTheFirstHalfOfItsDayAddsTheRowsUpToItOrSubtractsTheRowsBeforeIt() {
        // 09:00 Beijing time on 2020-10-01, and 11:00 on 2020-10-05
        Instant from = at("2020-10-01T01:00:00Z");
        Instant to = at("2020-10-05T03:00:00Z");
        CallDays.Covered covered = CallDays.Covered.by(from, to);
        assertThat(covered.first()).isEqualTo(LocalDate.of(2020, 10, 1));
        assertThat(covered.last()).isEqualTo(LocalDate.of(2020, 10, 4));
        assertThat(covered.ends()).containsExactly(
                new CallDays.Covered.End(at("2020-09-30T16:00:00Z"), true, from, false, true),
                new CallDays.Covered.End(at("2020-10-04T16:00:00Z"), true, to, true, false));
    }

    @Test
    void anEndInTheSecondHalfOfItsDayAddsTheRowsFromItOrSubtractsTheRowsAfterIt() {
        // 20:00 Beijing time on 2020-10-01, and 22:00 on 2020-10-05
        Instant from = at("2020-10-01T12:00:00Z");
        Instant to = at("2020-10-05T14:00:00Z");
        CallDays.Covered covered = CallDays.Covered.by(from, to);
        assertThat(covered.first()).isEqualTo(LocalDate.of(2020, 10, 2));
        assertThat(covered.last()).isEqualTo(LocalDate.of(2020, 10, 5));
        assertThat(covered.ends()).containsExactly(
                new CallDays.Covered.End(from, true, at("2020-10-01T16:00:00Z"), false, false),
                new CallDays.Covered.End(to, false, at("2020-10-05T16:00:00Z"), false, true));
    }

    @Test
    void anOpenEndCoversEveryDayOnThatSide() {
        CallDays.Covered upTo = CallDays.Covered.by(null, at("2020-10-05T03:00:00Z"));
        assertThat(upTo.first()).isNull();
        assertThat(upTo.last()).isEqualTo(LocalDate.of(2020, 10, 4));
        assertThat(upTo.ends()).containsExactly(
                new CallDays.Covered.End(at("2020-10-04T16:00:00Z"), true, at("2020-10-05T03:00:00Z"), true, false));
        // 08:00 Beijing time: the eight hours before it are subtracted from the day
        CallDays.Covered from = CallDays.Covered.by(at("2020-01-01T00:00:00Z"), null);
        assertThat(from.first()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(from.last()).isNull();
        assertThat(from.ends()).containsExactly(
                new CallDays.Covered.End(at("2019-12-31T16:00:00Z"), true, at("2020-01-01T00:00:00Z"), false, true));
    }

    @Test
    void aRangeWithinOneDayIsEitherCountedOutrightOrItsDayLessBothEnds() {
        assertThat(CallDays.Covered.by(at("2020-10-01T12:00:00Z"), at("2020-10-01T13:00:00Z")).isEmpty()).isTrue();
        assertThat(CallDays.Covered.by(at("2020-10-01T12:00:00Z"), at("2020-10-02T02:00:00Z")).isEmpty()).isTrue();
        Instant sameInstant = at("2020-09-30T16:00:00Z");
        assertThat(CallDays.Covered.by(sameInstant, sameInstant).isEmpty()).isTrue();
        // 01:00 to 23:00 Beijing time
        CallDays.Covered most = CallDays.Covered.by(at("2020-09-30T17:00:00Z"), at("2020-10-01T15:00:00Z"));
        assertThat(most.first()).isEqualTo(LocalDate.of(2020, 10, 1));
        assertThat(most.last()).isEqualTo(LocalDate.of(2020, 10, 1));
        assertThat(most.ends()).extracting(CallDays.Covered.End::subtracted).containsExactly(true, true);
    }
}
