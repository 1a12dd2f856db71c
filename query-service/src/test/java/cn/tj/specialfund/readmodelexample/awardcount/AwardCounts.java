package cn.tj.specialfund.readmodelexample.awardcount;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.TreeMap;

/** The example read model's table: awards per direction code. */
final class AwardCounts {

    private final JdbcTemplate jdbc;

    AwardCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS award_count_example (direction VARCHAR(8) PRIMARY KEY, "
                + "awards BIGINT NOT NULL)");
    }

    void add(Map<String, Long> added) {
        added.forEach((direction, n) -> {
            if (jdbc.update("UPDATE award_count_example SET awards = awards + ? WHERE direction = ?", n, direction) == 0) {
                jdbc.update("INSERT INTO award_count_example (direction, awards) VALUES (?, ?)", direction, n);
            }
        });
    }

    void replaceAll(Map<String, Long> counts) {
        jdbc.update("DELETE FROM award_count_example");
        add(counts);
    }

    /** A statement the database refuses (a null key): on PostgreSQL it also aborts the whole transaction. */
    void writeRefusedByTheDatabase() {
        jdbc.update("INSERT INTO award_count_example (direction, awards) VALUES (NULL, 1)");
    }

    Map<String, Long> all() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT direction, awards FROM award_count_example", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}
