package cn.tj.specialfund.support;

import cn.tj.specialfund.support.datasource.H2ClosedWithTheContext;
import cn.tj.specialfund.support.eventstore.EventStoreConfiguration;
import cn.tj.specialfund.support.metrics.MetricsConfiguration;
import cn.tj.specialfund.support.openapi.ApiDocumentConfiguration;
import cn.tj.specialfund.support.web.JsonConfiguration;
import cn.tj.specialfund.support.security.SecurityConfiguration;
import cn.tj.specialfund.support.web.EdgeConfiguration;
import cn.tj.specialfund.support.web.ProblemHandler;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What every process of the ledger runs on: the event store, Axon's metrics, users and roles, problem responses,
 * the limits of the edge, one JSON form of money, the API document.
 * Ordered before Axon's own storage auto-configuration, which then backs off.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class,
        JpaEventStoreAutoConfiguration.class, JpaAutoConfiguration.class, MicrometerMetricsAutoConfiguration.class})
@Import({EventStoreConfiguration.class, MetricsConfiguration.class, SecurityConfiguration.class, ProblemHandler.class,
        EdgeConfiguration.class, JsonConfiguration.class, ApiDocumentConfiguration.class})
public class LedgerSupportAutoConfiguration {

    /** Static: a post-processor of the data source is created before the configuration's other beans. */
    @Bean
    static H2ClosedWithTheContext h2ClosedWithTheContext() {
        return new H2ClosedWithTheContext();
    }
}
