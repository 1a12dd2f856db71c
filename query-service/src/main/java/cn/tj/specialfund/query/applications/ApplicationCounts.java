package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.query.applicationstate.ApplicationState;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many applications stand in each (direction, district, status), in {@code application_count}: the
 * {@code total} of {@code GET /api/applications} as a sum over at most 1 344 rows instead of a count of the
 * matching applications. Live batches add their net changes in key order, so that two segments updating the
 * same rows wait for each other instead of deadlocking; a rebuild sets every figure in its swap.
 */
final class ApplicationCounts {

    record Key(String direction, String district, String status) {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::direction)
                .thenComparing(Key::district).thenComparing(Key::status);

        static Key of(ApplicationState state) {
            return new Key(state.direction().code(), state.district().name(), state.status().name());
        }
    }

    /** Net changes to the counts, from the states applications left and the states they reached. */
    static final class Changes {

        private final Map<Key, Long> deltas = new TreeMap<>(Key.ORDER);

        /** {@code before} is null for an application that did not exist yet. */
        void record(ApplicationState before, ApplicationState after) {
            if (before != null) {
                deltas.merge(Key.of(before), -1L, Long::sum);
            }
            deltas.merge(Key.of(after), 1L, Long::sum);
        }

        /** As counts gathered from nothing: every key with a count other than 0. */
        Map<Key, Long> counts() {
            Map<Key, Long> counts = new TreeMap<>(Key.ORDER);
            deltas.forEach((key, n) -> {
                if (n != 0) {
                    counts.put(key, n);
                }
            });
            return counts;
        }
    }

    private final JdbcTemplate jdbc;

    ApplicationCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(Changes changes) {
        List<Object[]> rows = new ArrayList<>();
        changes.deltas.forEach((key, delta) -> {
            if (delta != 0) {
                rows.add(new Object[]{delta, key.direction(), key.district(), key.status()});
            }
        });
        if (rows.isEmpty()) {
            return;
        }
        int[] updated = jdbc.batchUpdate("UPDATE application_count SET applications = applications + ? "
                + "WHERE direction = ? AND district = ? AND status = ?", rows);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                // every combination has its row from the migration: a missing one would silently lose applications
                throw new IllegalStateException("no application_count row for "
                        + Arrays.asList(rows.get(i)).subList(1, 4));
            }
            if (updated[i] != 1 && updated[i] != Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("unexpected update count " + updated[i]);
            }
        }
    }

    /** Sets every count to what {@code counts}, gathered from nothing, says; inside the caller's transaction. */
    void replaceAll(Changes counts) {
        jdbc.update("UPDATE application_count SET applications = 0");
        add(counts);
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
}
