package cn.tj.specialfund.query.applicationstate;

import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.query.projection.ReadModelComparison;
import cn.tj.specialfund.query.projection.RebuildParking;
import cn.tj.specialfund.query.projection.RebuildableReadModel.RebuildSettings;
import cn.tj.specialfund.query.projection.ShadowTableSwap;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The application states of a rebuild: folded in memory, kept in a bounded cache of the most recently touched
 * applications, and written back to a shadow table when they drop out of it (one INSERT for an application
 * whose events all fall while it is cached, however many they are). An event for an application that is no
 * longer cached reads it back from the shadow table, in one query per chunk of events.
 */
public final class ShadowApplicationStates {

    /** Told of every event's effect on one application; {@code before} is null for a submission. */
    public interface Listener {
        void changed(ApplicationState before, ApplicationState after);
    }

    private static final class Entry {
        ApplicationState state;
        boolean stored;
        boolean dirty;

        Entry(ApplicationState state, boolean stored, boolean dirty) {
            this.state = state;
            this.stored = stored;
            this.dirty = dirty;
        }
    }

    private final ApplicationStateTable shadow;
    private final ApplicationStateTable live;
    private final ShadowTableSwap swap;
    private final int capacity;
    private final RebuildParking parking;
    private final LinkedHashMap<UUID, Entry> cache = new LinkedHashMap<>(256, 0.75f, true);

    public ShadowApplicationStates(ApplicationStateTable shadow, ApplicationStateTable live, ShadowTableSwap swap,
                                   RebuildSettings settings) {
        this.shadow = shadow;
        this.live = live;
        this.swap = swap;
        this.capacity = settings.cachedApplications();
        this.parking = settings.parking();
    }

    public void apply(List<? extends TrackedEventMessage<?>> events, Listener listener) {
        // read back only applications submitted before this chunk and no longer cached: one submitted in it
        // has nothing stored yet (looking it up would only miss)
        Set<UUID> missing = new HashSet<>();
        Set<UUID> submitted = new HashSet<>();
        for (TrackedEventMessage<?> event : events) {
            Object payload = event.getPayload();
            UUID id = ApplicationFold.applicationId(payload);
            if (payload instanceof ApplicationSubmitted) {
                submitted.add(id);
            } else if (id != null && !submitted.contains(id) && !cache.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            shadow.load(missing).forEach((id, state) -> cache.put(id, new Entry(state, true, false)));
        }
        for (TrackedEventMessage<?> event : events) {
            UUID id = ApplicationFold.applicationId(event.getPayload());
            if (id != null) {
                parking.fold(event, () -> fold(id, event, listener));
            }
        }
        writeBack(cache.size() - capacity, true);
    }

    /** Folds one event; throws, changing nothing, if the fold does. */
    private void fold(UUID id, TrackedEventMessage<?> event, Listener listener) {
        Entry entry = cache.get(id);
        ApplicationState before = entry == null ? null : entry.state;
        ApplicationState after = ApplicationFold.apply(before, event);
        listener.changed(before, after);
        if (entry == null) {
            cache.put(id, new Entry(after, false, true));
        } else {
            entry.state = after;
            entry.dirty = true;
        }
    }

    /** Writes every changed state to the shadow table; they stay cached. */
    public void flush() {
        writeBack(cache.size(), false);
    }

    /** Readies the shadow table to become the live one (its query indexes); after {@link #flush()}. */
    public void prepareReplace() {
        swap.prepare(live.name(), shadow.name());
    }

    /** Puts the shadow's rows in place of the live table's; call {@link #flush()} first. */
    public void replaceLive() {
        swap.swap(live.name(), shadow.name(), () -> live.replaceAllWithRowsOf(shadow));
    }

    /** Adds every difference between the live table and the shadow's (after {@link #flush()}) to {@code comparison}. */
    public void compareWithLive(ReadModelComparison comparison) {
        live.compareWith(shadow, comparison);
    }

    public void clear() {
        cache.clear();
        swap.clear(shadow.name());
    }

    /** Writes back the {@code count} least recently used states (dropping them from the cache if {@code evict}). */
    private void writeBack(int count, boolean evict) {
        if (count <= 0) {
            return;
        }
        List<ApplicationState> inserts = new ArrayList<>();
        List<ApplicationState> updates = new ArrayList<>();
        Iterator<Map.Entry<UUID, Entry>> it = cache.entrySet().iterator();
        for (int i = 0; i < count && it.hasNext(); i++) {
            Entry entry = it.next().getValue();
            if (entry.dirty) {
                (entry.stored ? updates : inserts).add(entry.state);
                entry.stored = true;
                entry.dirty = false;
            }
            if (evict) {
                it.remove();
            }
        }
        shadow.insert(inserts);
        shadow.update(updates);
    }
}
