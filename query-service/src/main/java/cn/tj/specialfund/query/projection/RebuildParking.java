package cn.tj.specialfund.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events one read model's rebuild leaves out: an event it cannot fold is parked with every later event of
 * its application, and the rest of the log folds on; at the swap they become the read model's dead letters
 * ({@link DeadLetters#replace}). So a poison event never aborts a rebuild, and the rebuilt read model and its
 * dead letters together are exactly what the log says. Kept in memory: one rebuild, one thread.
 */
public final class RebuildParking {

    private static final Logger log = LoggerFactory.getLogger(RebuildParking.class);

    /** A parked event, with the cause of the one that started its sequence (null for the ones behind it). */
    public record Parked(EventMessage<?> event, Throwable cause) {
    }

    private final Set<String> sequences = new HashSet<>();
    private final List<Parked> parked = new ArrayList<>();

    /**
     * Runs {@code fold} for {@code event} unless its application is parked; parks the event if {@code fold}
     * throws (which must then have left the rebuild's state as it was). Says whether the event was folded.
     */
    public boolean fold(EventMessage<?> event, Runnable fold) {
        String sequence = DeadLetters.sequenceOf(event);
        if (sequences.contains(sequence)) {
            parked.add(new Parked(event, null));
            return false;
        }
        try {
            fold.run();
            return true;
        } catch (RuntimeException e) {
            log.warn("Rebuild parks event {} ({}) of {}: {}", event.getIdentifier(), event.getPayloadType().getSimpleName(),
                    sequence, e.toString());
            sequences.add(sequence);
            parked.add(new Parked(event, e));
            return false;
        }
    }

    public List<Parked> parked() {
        return List.copyOf(parked);
    }
}
