package cn.tj.specialfund.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Collects where one read model's live state and a fold of the log into scratch state disagree: tables of the
 * same shape compared row by row (in SQL, so only the differing rows leave the database), and in-memory figures
 * compared key by key. Amounts compare by value (86.50 equals 86.5). At most {@value #LIMIT} differences are kept.
 */
public final class ReadModelComparison {

    static final int LIMIT = 1_000;

    private final String readModel;
    private final List<ReadModelDifference> differences = new ArrayList<>();

    public ReadModelComparison(String readModel) {
        this.readModel = readModel;
    }

    /** Compares two tables of one shape; {@code columns} starts with the key column. */
    public ReadModelComparison tables(JdbcTemplate jdbc, String live, String fromLog, String columns) {
        String except = "SELECT " + columns + " FROM %s EXCEPT SELECT " + columns + " FROM %s";
        Map<String, String> liveOnly = rows(jdbc, except.formatted(live, fromLog));
        Map<String, String> logOnly = rows(jdbc, except.formatted(fromLog, live));
        TreeSet<String> keys = new TreeSet<>(liveOnly.keySet());
        keys.addAll(logOnly.keySet());
        keys.forEach(key -> add(live + "/" + key, liveOnly.get(key), logOnly.get(key)));
        return this;
    }

    /** Compares figures by key; a key one side lacks compares with {@code none}. */
    public <K> ReadModelComparison figures(String name, Map<K, ?> live, Map<K, ?> fromLog, Object none) {
        Map<String, K> keys = new java.util.TreeMap<>();
        live.keySet().forEach(k -> keys.put(String.valueOf(k), k));
        fromLog.keySet().forEach(k -> keys.put(String.valueOf(k), k));
        keys.forEach((text, key) -> {
            String a = canonical(live.containsKey(key) ? live.get(key) : none);
            String b = canonical(fromLog.containsKey(key) ? fromLog.get(key) : none);
            if (!a.equals(b)) {
                add(name + "/" + text, a, b);
            }
        });
        return this;
    }

    public List<ReadModelDifference> differences() {
        return List.copyOf(differences);
    }

    private void add(String key, String live, String fromLog) {
        if (differences.size() < LIMIT) {
            differences.add(new ReadModelDifference(readModel, key, live, fromLog));
        }
    }

    private static Map<String, String> rows(JdbcTemplate jdbc, String sql) {
        Map<String, String> rows = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                values.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT) + "=" + canonical(rs.getObject(i)));
            }
            if (rows.size() < LIMIT) {
                rows.put(String.valueOf(rs.getObject(1)), String.join(", ", values));
            }
        });
        return rows;
    }

    /** A value's text for comparison: amounts without trailing zeros, records component by component. */
    static String canonical(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Record record) {
            List<String> parts = new ArrayList<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    java.lang.reflect.Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    parts.add(component.getName() + "=" + canonical(accessor.invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(", ", parts);
        }
        return Objects.toString(value);
    }
}
