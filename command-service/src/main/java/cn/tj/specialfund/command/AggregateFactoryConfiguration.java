package cn.tj.specialfund.command;

import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How an application is instantiated before its events are replayed. Axon's Spring default creates the aggregate
 * as a prototype bean on every load (SpringPrototypeAggregateFactory: a bean creation through every post-processor,
 * 17 % of the CPU of loading an application). {@link Application} has no injected fields (its handlers receive
 * what they need as parameters), so its constructor is all a load needs. Axon uses a bean of this name instead of
 * registering its own.
 */
@Configuration(proxyBeanMethods = false)
class AggregateFactoryConfiguration {

    @Bean
    AggregateFactory<Application> applicationAggregateFactory() {
        return new GenericAggregateFactory<>(Application.class);
    }
}
