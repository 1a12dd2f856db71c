-- Tamper evidence (CONTRACT §9, docs/tamper-evidence.md): the Merkle tree over the event log, kept by the query
-- side's tree builder, and its signed checkpoints. No private key is ever stored here.

-- One leaf per event, in the order the log delivered it to the tree builder (a late commit filling a gap is
-- appended when it arrives, so leaf order and position order may differ).
CREATE TABLE audit_leaf (
    leaf_index  BIGINT       PRIMARY KEY,
    position    BIGINT       NOT NULL,
    -- what the row said when it became a leaf, so that a deleted row can still be named
    event_id         VARCHAR(255),
    aggregate_id     VARCHAR(255),
    sequence_number  BIGINT,
    leaf_hash        BYTEA        NOT NULL,
    CONSTRAINT uk_audit_leaf_position UNIQUE (position)
);
CREATE INDEX ix_audit_leaf_event ON audit_leaf (event_id);

-- The roots of the perfect subtrees (level 0 = leaf hashes): written once, never changed; a root or a proof is
-- O(log n) reads of this table.
CREATE TABLE audit_node (
    level       INTEGER      NOT NULL,
    node_index  BIGINT       NOT NULL,
    hash        BYTEA        NOT NULL,
    PRIMARY KEY (level, node_index)
);

-- The tree builder's size, one row, updated in the transaction that appends the leaves and their nodes and moves
-- the builder's token (its compact range is read back from audit_node: one node per set bit of the size).
CREATE TABLE audit_tree (
    id          INTEGER      PRIMARY KEY,
    tree_size   BIGINT       NOT NULL,
    CONSTRAINT ck_audit_tree_one_row CHECK (id = 1)
);
INSERT INTO audit_tree (id, tree_size) VALUES (1, 0);

-- Every signed checkpoint (C2SP tlog-checkpoint), kept.
CREATE TABLE audit_checkpoint (
    tree_size   BIGINT       NOT NULL,
    key_hash    INTEGER      NOT NULL,
    root_hash   BYTEA        NOT NULL,
    note        TEXT         NOT NULL,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tree_size, key_hash)
);
CREATE INDEX ix_audit_checkpoint_signed ON audit_checkpoint (signed_at);

-- The event keys' verifier (public) keys that command-side processes announced when they started. The query side
-- trusts them only when no event verifier key is configured (a demo): a database administrator could add one.
CREATE TABLE audit_event_key (
    verifier_key  VARCHAR(400) PRIMARY KEY,
    announced_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
