package cn.tj.specialfund.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two commands for one application that race (on two replicas, or on one while the other's transaction is
 * still open) are answered as if they had run one after the other: the one whose events were appended second
 * hits the (aggregate, sequence) key, which the event store reports as a ConcurrencyException, and is sent
 * again, so it loads the state the first one left and gets the answer that state implies (200, 409 or 422).
 * Only that failure is retried; a refusal by the rules is an answer, never repeated.
 */
@Configuration(proxyBeanMethods = false)
class CommandDispatchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatchConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Axon's own schedulers judge every cause of a failure with their non-transient predicate, and the cause of
     * a ConcurrencyException (the SQL error) is no ConcurrencyException, so they cannot retry exactly that
     * failure and nothing else: this one does, with an exponential back-off and a little jitter, so that two
     * losers of one race do not collide again.
     */
    @Bean
    RetryScheduler concurrentChangeRetry(ScheduledExecutorService commandRetryExecutor,
                                         @Value("${ledger.commands.concurrency-retries:8}") int retries,
                                         @Value("${ledger.commands.concurrency-backoff-ms:5}") long backoffMillis) {
        return (command, failure, failures, dispatch) -> {
            if (failures.size() > retries
                    || ExceptionUtils.findException(failure, ConcurrencyException.class).isEmpty()) {
                return false;
            }
            long delay = (backoffMillis << Math.min(failures.size() - 1, 10))
                    + ThreadLocalRandom.current().nextLong(backoffMillis + 1);
            log.debug("{} met a concurrent change of its application; retry {} in {} ms",
                    command.getPayloadType().getSimpleName(), failures.size(), delay);
            commandRetryExecutor.schedule(dispatch, delay, TimeUnit.MILLISECONDS);
            return true;
        };
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, RetryScheduler concurrentChangeRetry) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(concurrentChangeRetry).build();
    }
}
