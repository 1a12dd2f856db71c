package cn.tj.specialfund.verifier;

/**
 * Read access to the hashes of a tree's complete (perfect) subtrees. The node at ({@code level}, {@code index})
 * is the root of the perfect subtree over leaves {@code [index·2^level, (index+1)·2^level)}; level 0 holds the
 * leaf hashes. Only nodes whose subtree is complete exist: they never change once the log has grown past them,
 * which is what lets a table keep them append-only.
 */
public interface NodeStore {

    /** The node's hash; throws {@link IllegalStateException} if the store does not hold it. */
    byte[] get(int level, long index);
}
