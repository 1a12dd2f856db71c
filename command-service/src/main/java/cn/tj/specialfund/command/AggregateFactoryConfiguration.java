package cn.tj.specialfund.command;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How an application is instantiated before its events are replayed. Axon's Spring default creates the aggregate
 * as a prototype bean on every load (SpringPrototypeAggregateFactory: a bean creation through every post-processor,
 * 17 % of the CPU of loading an application). {@link Application} has no injected fields (its handlers receive
 * what they need as parameters), so its constructor is all a load needs. Axon uses a bean of this name instead of
 * registering its own.
 * <p>
 * Written out rather than Axon's GenericAggregateFactory, which inspects the aggregate's handlers with the
 * classpath's parameter resolvers only and so refuses the ones that take a Spring bean ({@link AwardSlots}).
 */
@Configuration(proxyBeanMethods = false)
class AggregateFactoryConfiguration {

    @Bean
    AggregateFactory<Application> applicationAggregateFactory() {
        return new AggregateFactory<>() {
            /** The ledger takes no snapshots; were the first event one, its payload would be the application. */
            @Override
            public Application createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
                return Application.class.equals(firstEvent.getPayloadType())
                        ? (Application) firstEvent.getPayload() : new Application();
            }

            @Override
            public Class<Application> getAggregateType() {
                return Application.class;
            }
        };
    }
}
