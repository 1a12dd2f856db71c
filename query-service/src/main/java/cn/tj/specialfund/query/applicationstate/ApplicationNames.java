package cn.tj.specialfund.query.applicationstate;

import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.query.projection.ReadModelComparison;
import cn.tj.specialfund.query.projection.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;

/**
 * A read model's own copy of the names of the applications (id, project name, applicant name), from
 * ApplicationSubmitted, for the lists and exports that show them: a table of that shape per read model, written
 * only by its projection and its rebuild.
 */
public final class ApplicationNames {

    public static final String COLUMNS = "id, project_name, applicant_name";

    /** The names an event gives, or null if it gives none. */
    public record Name(String id, String projectName, String applicantName) {

        public static Name of(Object payload) {
            if (payload instanceof ApplicationSubmitted e) {
                return new Name(e.applicationId().toString(), e.form().projectName(), e.form().applicant().name());
            }
            return null;
        }
    }

    private final JdbcTemplate jdbc;
    private final String table;

    public ApplicationNames(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    public String name() {
        return table;
    }

    public void insert(Collection<Name> names) {
        if (names.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?)", names, 500, (ps, n) -> {
            ps.setString(1, n.id());
            ps.setString(2, SqlValues.text(n.projectName()));
            ps.setString(3, SqlValues.text(n.applicantName()));
        });
    }

    /** Replaces every row with the rows of {@code source}, inside the caller's transaction. */
    public void replaceAllWithRowsOf(ApplicationNames source) {
        jdbc.update("DELETE FROM " + table);
        jdbc.update("INSERT INTO " + table + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM " + source.table);
    }

    public void compareWith(ApplicationNames fromLog, ReadModelComparison comparison) {
        comparison.tables(jdbc, table, fromLog.table, COLUMNS);
    }
}
