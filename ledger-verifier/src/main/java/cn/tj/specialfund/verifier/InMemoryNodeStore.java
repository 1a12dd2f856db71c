package cn.tj.specialfund.verifier;

import java.util.HashMap;
import java.util.Map;

/** A {@link NodeStore} in a map, for tests and for a verifier that builds its tree in memory. */
public final class InMemoryNodeStore implements NodeStore, NodeSink {

    private record Address(int level, long index) {
    }

    private final Map<Address, byte[]> nodes = new HashMap<>();
    private long reads;

    @Override
    public byte[] get(int level, long index) {
        reads++;
        byte[] hash = nodes.get(new Address(level, index));
        if (hash == null) {
            throw new IllegalStateException("no node at level " + level + ", index " + index);
        }
        return hash.clone();
    }

    @Override
    public void put(int level, long index, byte[] hash) {
        nodes.put(new Address(level, index), hash.clone());
    }

    /** How many reads {@link #get} has answered, to show that proofs cost O(log n) of them. */
    public long reads() {
        return reads;
    }

    public int size() {
        return nodes.size();
    }
}
