package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.query.applicationstate.ApplicationState;
import cn.tj.specialfund.query.projection.CallDays;
import cn.tj.specialfund.query.projection.KeptFigures;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many applications stand in each (direction, district, status), in {@code application_count}: the
 * {@code total} of {@code GET /api/applications} as a sum over at most 1 344 rows instead of a count of the
 * matching applications; and the same per Beijing day of submission, in {@code application_day_count}, for the
 * total of a submission range. Live batches add their net changes in key order, so that two segments updating
 * the same rows wait for each other instead of deadlocking; a rebuild sets every figure in its swap.
 */
final class ApplicationCounts {

    record Key(String direction, String district, String status) {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::direction)
                .thenComparing(Key::district).thenComparing(Key::status);

        static Key of(ApplicationState state) {
            return new Key(state.direction().code(), state.district().name(), state.status().name());
        }
    }

    record DayKey(LocalDate submittedOn, Key key) {

        private static final Comparator<DayKey> ORDER = Comparator.comparing(DayKey::submittedOn)
                .thenComparing(DayKey::key, Key.ORDER);

        static DayKey of(ApplicationState state) {
            return new DayKey(CallDays.of(state.submittedAt()), Key.of(state));
        }
    }

    /** Net changes to the counts, from the states applications left and the states they reached. */
    static final class Changes {

        private final Map<Key, Long> deltas = new TreeMap<>(Key.ORDER);
        private final Map<DayKey, Long> dayDeltas = new TreeMap<>(DayKey.ORDER);

        /** {@code before} is null for an application that did not exist yet. */
        void record(ApplicationState before, ApplicationState after) {
            if (before != null) {
                deltas.merge(Key.of(before), -1L, Long::sum);
                dayDeltas.merge(DayKey.of(before), -1L, Long::sum);
            }
            deltas.merge(Key.of(after), 1L, Long::sum);
            dayDeltas.merge(DayKey.of(after), 1L, Long::sum);
        }

        /** As counts gathered from nothing: every key with a count other than 0. */
        Map<Key, Long> counts() {
            return withoutZeros(deltas, Key.ORDER);
        }

        Map<DayKey, Long> dayCounts() {
            return withoutZeros(dayDeltas, DayKey.ORDER);
        }

        private static <K> Map<K, Long> withoutZeros(Map<K, Long> deltas, Comparator<K> order) {
            Map<K, Long> counts = new TreeMap<>(order);
            deltas.forEach((key, n) -> {
                if (n != 0) {
                    counts.put(key, n);
                }
            });
            return counts;
        }

        private List<Object[]> dayRows() {
            List<Object[]> rows = new ArrayList<>();
            dayDeltas.forEach((day, delta) -> {
                if (delta != 0) {
                    rows.add(new Object[]{day.submittedOn(), day.key().direction(), day.key().district(),
                            day.key().status(), delta});
                }
            });
            return rows;
        }
    }

    private final JdbcTemplate jdbc;
    private final KeptFigures cells;
    private final KeptFigures days;

    ApplicationCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // every cell has its row from the migration, but a batch adds as it would to a new one: one statement per
        // batch on PostgreSQL (a multi-row upsert) where an UPDATE per changed cell took one each
        this.cells = new KeptFigures(jdbc, "application_count", List.of("direction", "district", "status"),
                List.of("applications"));
        this.days = new KeptFigures(jdbc, "application_day_count",
                List.of("submitted_on", "direction", "district", "status"), List.of("applications"));
    }

    void add(Changes changes) {
        addToCounts(changes);
        days.add(changes.dayRows());
    }

    private void addToCounts(Changes changes) {
        List<Object[]> rows = new ArrayList<>();
        changes.deltas.forEach((key, delta) -> {
            if (delta != 0) {
                rows.add(new Object[]{key.direction(), key.district(), key.status(), delta});
            }
        });
        cells.add(rows);
    }

    /** Sets every count to what {@code counts}, gathered from nothing, says; inside the caller's transaction. */
    void replaceAll(Changes counts) {
        jdbc.update("UPDATE application_count SET applications = 0");
        addToCounts(counts);
        days.replaceAll(counts.dayRows());
    }

    /** Every count other than 0, as stored. */
    Map<Key, Long> all() {
        Map<Key, Long> counts = new TreeMap<>(Key.ORDER);
        jdbc.query("SELECT direction, district, status, applications FROM application_count WHERE applications <> 0",
                rs -> {
                    counts.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4));
                });
        return counts;
    }

    /** Every day's count other than 0, as stored. */
    Map<DayKey, Long> allDays() {
        Map<DayKey, Long> counts = new TreeMap<>(DayKey.ORDER);
        jdbc.query("SELECT submitted_on, direction, district, status, applications FROM application_day_count "
                + "WHERE applications <> 0", rs -> {
            counts.put(new DayKey(rs.getObject(1, LocalDate.class),
                    new Key(rs.getString(2), rs.getString(3), rs.getString(4))), rs.getLong(5));
        });
        return counts;
    }

    /**
     * How many applications of the districts the filter's {@code q} names (within its direction, district and
     * status) there are: the part of a search's total that needs no look at the applications themselves.
     */
    long totalInDistricts(ApplicationRows.Filter filter) {
        List<String> districts = filter.qDistricts().stream()
                .filter(d -> filter.district() == null || filter.district().equals(d)).sorted().toList();
        if (districts.isEmpty()) {
            return 0;
        }
        List<Object> values = new ArrayList<>(districts);
        StringBuilder sql = new StringBuilder("SELECT COALESCE(SUM(applications), 0) FROM application_count WHERE district IN (")
                .append(String.join(", ", java.util.Collections.nCopies(districts.size(), "?"))).append(')');
        if (filter.direction() != null) {
            sql.append(" AND direction = ?");
            values.add(filter.direction());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            values.add(filter.status());
        }
        Long total = jdbc.queryForObject(sql.toString(), Long.class, values.toArray());
        return total == null ? 0 : total;
    }

    long total(ApplicationRows.Filter filter) {
        Long total = jdbc.queryForObject("SELECT COALESCE(SUM(applications), 0) FROM application_count"
                + filter.where(), Long.class, filter.parameters().toArray());
        return total == null ? 0 : total;
    }

    /**
     * The total of a filter with a submission range and no search text: the kept counts of the range's days and
     * a count of the matching applications in its partial ends (at most half a day on either side), so it costs
     * the same for a range of a day as for a year. A range within at most two days is counted outright.
     */
    long totalInRange(ApplicationRows.Filter filter) {
        CallDays.Covered covered = CallDays.Covered.by(filter.submittedFrom(), filter.submittedTo());
        ApplicationRows.Filter equality = new ApplicationRows.Filter(filter.direction(), filter.district(),
                filter.status());
        if (covered.isEmpty()) {
            return countSubmitted(equality, new CallDays.Covered.End(filter.submittedFrom(), true,
                    filter.submittedTo(), true, false));
        }
        List<Object> values = new ArrayList<>(equality.parameters());
        List<String> days = new ArrayList<>();
        if (covered.first() != null) {
            days.add("submitted_on >= ?");
            values.add(covered.first());
        }
        if (covered.last() != null) {
            days.add("submitted_on <= ?");
            values.add(covered.last());
        }
        String where = equality.where();
        String sql = "SELECT COALESCE(SUM(applications), 0) FROM application_day_count" + where
                + (days.isEmpty() ? "" : (where.isEmpty() ? " WHERE " : " AND ") + String.join(" AND ", days));
        Long whole = jdbc.queryForObject(sql, Long.class, values.toArray());
        long total = whole == null ? 0 : whole;
        for (CallDays.Covered.End end : covered.ends()) {
            long rows = countSubmitted(equality, end);
            total += end.subtracted() ? -rows : rows;
        }
        return total;
    }

    /** The matching applications submitted within {@code end}. */
    private long countSubmitted(ApplicationRows.Filter equality, CallDays.Covered.End end) {
        List<Object> values = new ArrayList<>(equality.parameters());
        values.add(end.from().atOffset(java.time.ZoneOffset.UTC));
        values.add(end.to().atOffset(java.time.ZoneOffset.UTC));
        String where = equality.where();
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM application_view" + where
                + (where.isEmpty() ? " WHERE " : " AND ") + end.condition("submitted_at"), Long.class, values.toArray());
        return count == null ? 0 : count;
    }
}
