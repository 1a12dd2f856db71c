package cn.tj.specialfund.query.projection;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On PostgreSQL, lets the driver send a JDBC batch of inserts as multi-row INSERT statements: the projections and
 * the rebuild write their rows in batches, and one statement for a few hundred rows costs the server far less
 * than one each. (Batch update counts then read "no info"; nothing here uses them.)
 */
@Configuration(proxyBeanMethods = false)
class BatchedInsertsConfiguration {

    @Bean
    static BeanPostProcessor batchedInsertsOnPostgres() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
                }
                return bean;
            }
        };
    }
}
