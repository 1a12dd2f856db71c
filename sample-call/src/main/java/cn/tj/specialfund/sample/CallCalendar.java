package cn.tj.specialfund.sample;

import cn.tj.specialfund.coreapi.rules.ProgramRules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The 2020 call on its own calendar (§10): submissions in September 2020, district reviews in October (after the
 * National Day holiday), scoring in November, the manager's decisions in December, MIIT top-ups in March 2021.
 * Each phase's steps are spread evenly over its weekdays' office hours in Beijing, in the order they are given.
 */
final class CallCalendar {

    static final Phase SUBMISSIONS = new Phase(LocalDate.of(2020, 9, 1), LocalDate.of(2020, 9, 30));
    static final Phase DISTRICT_REVIEWS = new Phase(LocalDate.of(2020, 10, 9), LocalDate.of(2020, 10, 30));
    static final Phase SCORING = new Phase(LocalDate.of(2020, 11, 2), LocalDate.of(2020, 11, 27));
    static final Phase DECISIONS = new Phase(LocalDate.of(2020, 12, 7), LocalDate.of(2020, 12, 18));
    static final Phase TOP_UPS = new Phase(LocalDate.of(2021, 3, 15), LocalDate.of(2021, 3, 31));

    private static final LocalTime OPENS = LocalTime.of(9, 0);
    private static final int OFFICE_SECONDS = 8 * 3600;

    private CallCalendar() {
    }

    /** A Beijing instant on {@code date}, {@code minutes} after the office opens. */
    static Instant during(LocalDate date, int minutes) {
        return date.atTime(OPENS).plusMinutes(minutes).atZone(ProgramRules.CALL_ZONE).toInstant();
    }

    /** The date itself on a weekday, else the Monday after. */
    static LocalDate weekdayFrom(LocalDate date) {
        LocalDate day = date;
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day;
    }

    static LocalDate dateOf(Instant instant) {
        return ProgramRules.CALL_2020.callDate(instant);
    }

    record Phase(LocalDate first, LocalDate last) {

        /** The {@code index}-th of {@code total} moments spread evenly over the phase's office hours. */
        Instant slot(int index, int total) {
            List<LocalDate> days = weekdays();
            long seconds = (long) index * days.size() * OFFICE_SECONDS / Math.max(1, total);
            LocalDate day = days.get((int) (seconds / OFFICE_SECONDS));
            return day.atTime(OPENS).plusSeconds(seconds % OFFICE_SECONDS).atZone(ProgramRules.CALL_ZONE).toInstant();
        }

        private List<LocalDate> weekdays() {
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    days.add(d);
                }
            }
            return days;
        }
    }
}
