package cn.tj.specialfund.verifier;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A map from an id to a long, compact for UUIDs: the audit keeps every event id and every aggregate's last
 * sequence number of a log of millions of events, and a {@code HashMap<String, Long>} spends about 120 bytes an
 * entry where two longs and a value in open-addressed arrays take 24 (at most twice that, for the free slots).
 * Written here because the verifier depends on the JDK alone. Ids that are not lowercase UUIDs go to a plain map.
 */
final class IdTable {

    /** What {@link #put} answers for an id it did not hold. */
    static final long ABSENT = Long.MIN_VALUE;

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private long[] values = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;
    private final Map<String, Long> others = new HashMap<>();

    /** Sets the id's value; answers the one it had, {@link #ABSENT} if none. */
    long put(String id, long value) {
        UUID uuid = uuidOf(id);
        if (uuid == null) {
            Long before = others.put(id, value);
            return before == null ? ABSENT : before;
        }
        if ((size + 1) * 2L > used.length) {
            grow();
        }
        int slot = slotOf(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), high, low, used);
        if (used[slot]) {
            long before = values[slot];
            values[slot] = value;
            return before;
        }
        used[slot] = true;
        high[slot] = uuid.getMostSignificantBits();
        low[slot] = uuid.getLeastSignificantBits();
        values[slot] = value;
        size++;
        return ABSENT;
    }

    long get(String id, long otherwise) {
        UUID uuid = uuidOf(id);
        if (uuid == null) {
            return others.getOrDefault(id, otherwise);
        }
        int slot = slotOf(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), high, low, used);
        return used[slot] ? values[slot] : otherwise;
    }

    /** The slot that holds the key, or the free one where it would go (linear probing). */
    private static int slotOf(long h, long l, long[] high, long[] low, boolean[] used) {
        int mask = used.length - 1;
        long mixed = (h ^ Long.rotateLeft(l, 32)) * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed >>> 32) & mask;
        while (used[slot] && (high[slot] != h || low[slot] != l)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        long[] oldValues = values;
        boolean[] oldUsed = used;
        int capacity = used.length * 2;
        high = new long[capacity];
        low = new long[capacity];
        values = new long[capacity];
        used = new boolean[capacity];
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int slot = slotOf(oldHigh[i], oldLow[i], high, low, used);
                used[slot] = true;
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                values[slot] = oldValues[i];
            }
        }
    }

    /** The id as a UUID if it is one written the way {@link UUID#toString()} writes it, else null. */
    private static UUID uuidOf(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equals(id) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
