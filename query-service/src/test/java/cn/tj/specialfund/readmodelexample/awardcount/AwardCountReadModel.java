package cn.tj.specialfund.readmodelexample.awardcount;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Adds the example read model to a query service: its package is scanned, nothing else is configured. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class AwardCountReadModel {
}
