package cn.tj.specialfund.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table of figures kept by key that live batches add to, creating a key's row the first time it is met (a new
 * day): rows are {@code keyColumns} then {@code valueColumns}, and adding adds the values.
 * <p>
 * On PostgreSQL one {@code INSERT … ON CONFLICT DO UPDATE} per row, which two segments' batches may run at once
 * for the same new key (one waits for the other's row); callers add their rows in key order, so two batches never
 * wait for each other in a cycle. On H2 every live batch holds the projection lock exclusively
 * ({@link ProjectionLock}), so an UPDATE, and an INSERT where it found no row, cannot race.
 */
public final class KeptFigures {

    private final JdbcTemplate jdbc;
    private final String table;
    private final List<String> keyColumns;
    private final List<String> valueColumns;
    private final DatabaseProduct database;

    public KeptFigures(JdbcTemplate jdbc, String table, List<String> keyColumns, List<String> valueColumns) {
        this.jdbc = jdbc;
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
        this.valueColumns = List.copyOf(valueColumns);
        this.database = new DatabaseProduct(jdbc);
    }

    /** Adds each row's values to its key's row, in the order given (the caller's key order). */
    public void add(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (database.isPostgres()) {
            jdbc.batchUpdate(insert() + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO UPDATE SET "
                    + valueColumns.stream().map(v -> v + " = " + table + "." + v + " + EXCLUDED." + v)
                    .collect(Collectors.joining(", ")), rows);
            return;
        }
        String update = "UPDATE " + table + " SET "
                + valueColumns.stream().map(v -> v + " = " + v + " + ?").collect(Collectors.joining(", "))
                + " WHERE " + keyColumns.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
        int keys = keyColumns.size();
        for (Object[] row : rows) {
            Object[] values = new Object[row.length];
            System.arraycopy(row, keys, values, 0, row.length - keys);
            System.arraycopy(row, 0, values, row.length - keys, keys);
            if (jdbc.update(update, values) == 0) {
                jdbc.update(insert(), row);
            }
        }
    }

    /** Sets the table to exactly {@code rows} (distinct keys), inside the caller's transaction. */
    public void replaceAll(List<Object[]> rows) {
        jdbc.update("DELETE FROM " + table);
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(insert(), rows);
        }
    }

    private String insert() {
        int columns = keyColumns.size() + valueColumns.size();
        return "INSERT INTO " + table + " (" + String.join(", ", keyColumns) + ", " + String.join(", ", valueColumns)
                + ") VALUES (" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    }
}
