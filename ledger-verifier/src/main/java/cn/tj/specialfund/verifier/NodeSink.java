package cn.tj.specialfund.verifier;

/** Receives the new perfect-subtree nodes that appending a leaf completes (see {@link CompactRange#append}). */
@FunctionalInterface
public interface NodeSink {

    NodeSink DISCARD = (level, index, hash) -> { };

    void put(int level, long index, byte[] hash);
}
