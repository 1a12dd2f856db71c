package cn.tj.specialfund.query.projection;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which of the two databases the read side runs on, where their SQL differs. */
public final class DatabaseProduct {

    private DatabaseProduct() {
    }

    public static boolean isPostgres(JdbcTemplate jdbc) {
        return "PostgreSQL".equals(jdbc.execute(
                (ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
    }
}
