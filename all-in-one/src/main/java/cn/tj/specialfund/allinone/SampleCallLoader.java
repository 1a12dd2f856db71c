package cn.tj.specialfund.allinone;

import cn.tj.specialfund.sample.SampleCall;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Loads the sample call through the command gateway, as its users would issue the commands (each with
 * the acting user's role and district as metadata), so every rule of the call applies. The call is
 * deterministic, ids included: a step whose event is already in the log is skipped, so loading into a
 * database that has the call (or part of it) writes nothing twice.
 */
@Component
@ConditionalOnProperty(name = "ledger.sample-call.enabled", havingValue = "true")
class SampleCallLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleCallLoader.class);

    private final CommandGateway commands;
    private final EventStore events;
    private final long seed;
    private final int count;

    SampleCallLoader(CommandGateway commands, EventStore events,
                     @Value("${ledger.sample-call.seed:" + SampleCall.DEFAULT_SEED + "}") long seed,
                     @Value("${ledger.sample-call.applications:" + SampleCall.DEFAULT_COUNT + "}") int count) {
        this.commands = commands;
        this.events = events;
        this.seed = seed;
        this.count = count;
    }

    @Override
    public void run(ApplicationArguments args) {
        load();
    }

    /** @return the number of commands sent (0 when the call was loaded before) */
    int load() {
        SampleCall call = SampleCall.generate(seed, count);
        Map<UUID, Long> written = new HashMap<>();
        int sent = 0;
        long started = System.nanoTime();
        for (SampleCall.Step step : call.steps()) {
            long last = written.computeIfAbsent(step.applicationId(),
                    id -> events.lastSequenceNumberFor(id.toString()).orElse(-1L));
            if (step.sequence() <= last) {
                continue;
            }
            String correlationId = "sample-call-" + seed + "-" + step.applicationId() + "-" + step.sequence();
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(step.command())
                    .andMetaData(MetaData.from(step.metaData(correlationId))));
            written.put(step.applicationId(), (long) step.sequence());
            sent++;
        }
        if (sent == 0) {
            log.info("Sample call (seed {}, {} applications) is already loaded", seed, count);
        } else {
            log.info("Loaded the sample call (seed {}, {} applications): {} commands in {} ms", seed, count, sent,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return sent;
    }
}
