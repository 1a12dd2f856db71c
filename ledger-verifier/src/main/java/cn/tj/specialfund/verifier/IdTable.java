package cn.tj.specialfund.verifier;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A map from an id to a long, compact for UUIDs: the audit keeps every event id and every aggregate's last
 * sequence number of a log of millions of events, and a {@code HashMap<String, Long>} spends about 120 bytes an
 * entry where two longs in open-addressed arrays take 16 (24 with a value; at most twice that, for the free
 * slots): about 64 MB for 2 M event ids, 48 MB for 600 000 aggregates. Written here because the verifier depends
 * on the JDK alone. Ids that are not lowercase UUIDs (and the nil UUID, which marks a free slot) go to a plain map.
 */
final class IdTable {

    /** What {@link #put} answers for an id it did not hold. */
    static final long ABSENT = Long.MIN_VALUE;

    private final boolean withValues;
    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private long[] values;
    private int size;
    private final Map<String, Long> others = new HashMap<>();

    /** {@code withValues} false: a set, whose {@link #put} answers 0 for an id it held. */
    IdTable(boolean withValues) {
        this.withValues = withValues;
        this.values = withValues ? new long[1024] : null;
    }

    /** Sets the id's value; answers the one it had, {@link #ABSENT} if none. */
    long put(String id, long value) {
        UUID uuid = uuidOf(id);
        if (uuid == null) {
            Long before = others.put(id, value);
            return before == null ? ABSENT : before;
        }
        if ((size + 1) * 2L > high.length) {
            grow();
        }
        long h = uuid.getMostSignificantBits();
        long l = uuid.getLeastSignificantBits();
        int slot = slotOf(h, l, high, low);
        if (high[slot] != 0 || low[slot] != 0) {
            if (!withValues) {
                return 0;
            }
            long before = values[slot];
            values[slot] = value;
            return before;
        }
        high[slot] = h;
        low[slot] = l;
        if (withValues) {
            values[slot] = value;
        }
        size++;
        return ABSENT;
    }

    long get(String id, long otherwise) {
        UUID uuid = uuidOf(id);
        if (uuid == null) {
            return others.getOrDefault(id, otherwise);
        }
        int slot = slotOf(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), high, low);
        if (high[slot] == 0 && low[slot] == 0) {
            return otherwise;
        }
        return withValues ? values[slot] : 0;
    }

    /** The slot that holds the key, or the free one (nil) where it would go: linear probing. */
    private static int slotOf(long h, long l, long[] high, long[] low) {
        int mask = high.length - 1;
        long mixed = (h ^ Long.rotateLeft(l, 32)) * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed >>> 32) & mask;
        while ((high[slot] != 0 || low[slot] != 0) && (high[slot] != h || low[slot] != l)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        long[] oldValues = values;
        int capacity = high.length * 2;
        high = new long[capacity];
        low = new long[capacity];
        values = withValues ? new long[capacity] : null;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldHigh[i] != 0 || oldLow[i] != 0) {
                int slot = slotOf(oldHigh[i], oldLow[i], high, low);
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                if (withValues) {
                    values[slot] = oldValues[i];
                }
            }
        }
    }

    /** The id as a UUID if it is one written the way {@link UUID#toString()} writes it (not nil), else null. */
    private static UUID uuidOf(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            boolean nil = uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0;
            return !nil && uuid.toString().equals(id) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
