package cn.tj.specialfund.query.projection;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReadModelComparisonTest {

    private record Figures(long count, BigDecimal amount) {
    }

    @Test
    void tablesDifferOnlyWhereARowDiffersIsMissingOrIsExtraNamedByKeyWithBothRows() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:comparison_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", ""));
        for (String table : new String[] {"live_rows", "log_rows"}) {
            jdbc.execute("CREATE TABLE " + table + " (id VARCHAR(8) PRIMARY KEY, status VARCHAR(16), amount NUMERIC(18,2))");
        }
        jdbc.update("INSERT INTO live_rows VALUES ('a', 'AWARDED', 100.00), ('b', 'SCORED', 5.50), ('c', 'SUBMITTED', 0)");
        jdbc.update("INSERT INTO log_rows VALUES ('a', 'TOPPED_UP', 100.00), ('b', 'SCORED', 5.5), ('d', 'SUBMITTED', 0)");

        var differences = new ReadModelComparison("model").tables(jdbc, "live_rows", "log_rows", "id, status, amount")
                .differences();

        assertThat(differences).containsExactly(
                new ReadModelDifference("model", "live_rows/a", "id=a, status=AWARDED, amount=100",
                        "id=a, status=TOPPED_UP, amount=100"),
                new ReadModelDifference("model", "live_rows/c", "id=c, status=SUBMITTED, amount=0", null),
                new ReadModelDifference("model", "live_rows/d", null, "id=d, status=SUBMITTED, amount=0"));
    }

    @Test
    void figuresCompareByValueAndAMissingKeyComparesWithNone() {
        Figures none = new Figures(0, BigDecimal.ZERO);
        Map<String, Figures> live = new TreeMap<>(Map.of(
                "1.1", new Figures(3, new BigDecimal("1200000.00")),
                "1.2", new Figures(1, new BigDecimal("5.50")),
                "1.3", new Figures(0, BigDecimal.ZERO)));
        Map<String, Figures> fromLog = new TreeMap<>(Map.of(
                "1.1", new Figures(4, new BigDecimal("1200000")),
                "1.2", new Figures(1, new BigDecimal("5.5")),
                "2.1", new Figures(1, BigDecimal.ONE)));

        var differences = new ReadModelComparison("model").figures("direction_stats", live, fromLog, none).differences();

        assertThat(differences).containsExactly(
                new ReadModelDifference("model", "direction_stats/1.1", "count=3, amount=1200000",
                        "count=4, amount=1200000"),
                new ReadModelDifference("model", "direction_stats/2.1", "count=0, amount=0", "count=1, amount=1"));
    }
}
