package cn.tj.specialfund.query.applicationstate;

import cn.tj.specialfund.query.projection.ProjectionBatch;
import org.axonframework.eventhandling.EventMessage;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The applications one processor batch touches: loaded in one query when the batch opens, folded in memory
 * event by event, written back in two JDBC batches (new rows, changed rows) when it commits.
 */
public class ApplicationStatesBatch implements ProjectionBatch {

    /** One event's effect on one application: {@code before} is null for a submission. */
    public record Change(ApplicationState before, ApplicationState after) {
    }

    private final ApplicationStateTable table;
    private final Map<UUID, ApplicationState> states = new LinkedHashMap<>();
    private final Map<UUID, ApplicationState> loaded;
    private final Set<UUID> changed = new HashSet<>();

    public ApplicationStatesBatch(ApplicationStateTable table, List<? extends EventMessage<?>> messages) {
        this.table = table;
        Set<UUID> ids = new HashSet<>();
        messages.forEach(m -> {
            UUID id = ApplicationFold.applicationId(m.getPayload());
            if (id != null) {
                ids.add(id);
            }
        });
        this.loaded = table.load(ids);
        states.putAll(loaded);
    }

    @Override
    public void apply(EventMessage<?> message) {
        fold(message);
    }

    /** Folds one event into its application's state; returns the state before and after. */
    public Change fold(EventMessage<?> message) {
        UUID id = Objects.requireNonNull(ApplicationFold.applicationId(message.getPayload()),
                () -> "not an application event: " + message.getPayloadType());
        ApplicationState before = states.get(id);
        ApplicationState after = ApplicationFold.apply(before, message);
        states.put(id, after);
        changed.add(id);
        return new Change(before, after);
    }

    @Override
    public void flush() {
        List<ApplicationState> inserts = changed.stream().filter(id -> !loaded.containsKey(id)).map(states::get)
                .toList();
        List<ApplicationState> updates = changed.stream().filter(loaded::containsKey).map(states::get).toList();
        table.insert(inserts);
        table.update(updates);
    }

    /** Each application the batch changed, as it was stored before the batch (null if new) and as it is now. */
    public void forEachNetChange(BiConsumer<ApplicationState, ApplicationState> sink) {
        changed.forEach(id -> sink.accept(loaded.get(id), states.get(id)));
    }

    Collection<ApplicationState> states() {
        return states.values();
    }
}
