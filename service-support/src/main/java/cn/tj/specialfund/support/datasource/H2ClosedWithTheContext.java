package cn.tj.specialfund.support.datasource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.util.Locale;

/**
 * H2 closes a database from a JVM shutdown hook of its own, which on SIGTERM runs at the same time as
 * Spring's: the event processors and the pool, still stopping, then fail with "database is already closed".
 * With {@code DB_CLOSE_ON_EXIT=FALSE} the database closes when the context closes the pool, after everything
 * that uses it has stopped. Added to any H2 URL that does not say otherwise; other databases are untouched.
 */
public class H2ClosedWithTheContext implements BeanPostProcessor {

    static final String SETTING = "DB_CLOSE_ON_EXIT";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            pool.setJdbcUrl(withoutCloseOnExit(pool.getJdbcUrl()));
        }
        return bean;
    }

    static String withoutCloseOnExit(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(Locale.ROOT).contains(SETTING)) {
            return url;
        }
        return url + ";" + SETTING + "=FALSE";
    }
}
