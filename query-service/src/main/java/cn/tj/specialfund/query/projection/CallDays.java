package cn.tj.specialfund.query.projection;

import cn.tj.specialfund.coreapi.rules.ProgramRules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The Beijing calendar days by which figures are kept ahead (per day of submission, per day of commitment), and
 * which whole days a time range covers: a range's answer is the kept figures of its days and the rows of its
 * partial ends, at most half a day on either side.
 */
public final class CallDays {

    private CallDays() {
    }

    public static LocalDate of(Instant at) {
        return at.atZone(ProgramRules.CALL_ZONE).toLocalDate();
    }

    public static Instant start(LocalDate day) {
        return day.atStartOfDay(ProgramRules.CALL_ZONE).toInstant();
    }

    /**
     * A time range as kept days and partial ends: its answer is the figures of the days {@code first} to
     * {@code last} (null where the range has no bound) with each of {@code ends} added or subtracted, the rows
     * at most half a day long each. An end within a day is either the part of that day inside the range, added to
     * the whole days after (or before) it, or the part outside, subtracted from the whole day: whichever is the
     * shorter time, so that "as of now" subtracts the nothing after now instead of adding up the day so far.
     * {@link #isEmpty()} when the range is better counted outright (it lies within at most two days).
     */
    public record Covered(LocalDate first, LocalDate last, List<End> ends) {

        /** Rows from {@code from} to {@code to} (each bound included or not), added or subtracted. */
        public record End(Instant from, boolean fromIncluded, Instant to, boolean toIncluded, boolean subtracted) {

            /** The SQL condition on {@code column} for these rows, its two parameters {@link #from} and {@link #to}. */
            public String condition(String column) {
                return column + (fromIncluded ? " >= ?" : " > ?") + " AND " + column + (toIncluded ? " <= ?" : " < ?");
            }
        }

        /** [{@code from}, {@code to}], both ends included, null for no bound. */
        public static Covered by(Instant from, Instant to) {
            List<End> ends = new ArrayList<>();
            LocalDate first = null;
            if (from != null) {
                LocalDate day = of(from);
                Instant dayStart = start(day);
                Instant next = start(day.plusDays(1));
                if (from.equals(dayStart)) {
                    first = day;
                } else if (Duration.between(dayStart, from).compareTo(Duration.between(from, next)) < 0) {
                    first = day;
                    ends.add(new End(dayStart, true, from, false, true));
                } else {
                    first = day.plusDays(1);
                    ends.add(new End(from, true, next, false, false));
                }
            }
            LocalDate last = null;
            if (to != null) {
                LocalDate day = of(to);
                Instant dayStart = start(day);
                Instant next = start(day.plusDays(1));
                // the last nanosecond of a day (what the page sends as a day's end) covers that day
                if (to.plusNanos(1).equals(next)) {
                    last = day;
                } else if (Duration.between(to, next).compareTo(Duration.between(dayStart, to)) < 0) {
                    last = day;
                    ends.add(new End(to, false, next, false, true));
                } else {
                    last = day.minusDays(1);
                    ends.add(new End(dayStart, true, to, true, false));
                }
            }
            return new Covered(first, last, List.copyOf(ends));
        }

        public boolean isEmpty() {
            return first != null && last != null && first.isAfter(last);
        }
    }
}
