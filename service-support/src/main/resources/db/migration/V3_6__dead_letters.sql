-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue), one queue per processing group in one table,
-- sequenced by application (the aggregate identifier): the events a read model could not apply, each parked
-- with the later events of its application until an operator retries them. Columns as Axon's
-- GenericDeadLetterTableFactory makes them, named in this schema's snake case (DeadLetters gives Axon the
-- names); serialized data is bytea as in the event store. Instants are ISO-8601 text, as Axon writes them.
CREATE TABLE dead_letter_entry (
    dead_letter_id        VARCHAR(255)  NOT NULL,
    processing_group      VARCHAR(255)  NOT NULL,
    sequence_identifier   VARCHAR(255)  NOT NULL,
    sequence_index        BIGINT        NOT NULL,
    message_type          VARCHAR(255)  NOT NULL,
    event_identifier      VARCHAR(255)  NOT NULL,
    time_stamp            VARCHAR(255)  NOT NULL,
    payload_type          VARCHAR(255)  NOT NULL,
    payload_revision      VARCHAR(255),
    payload               BYTEA         NOT NULL,
    meta_data             BYTEA,
    type                  VARCHAR(255),
    aggregate_identifier  VARCHAR(255),
    sequence_number       BIGINT,
    token_type            VARCHAR(255),
    token                 BYTEA,
    enqueued_at           VARCHAR(255)  NOT NULL,
    last_touched          VARCHAR(255),
    processing_started    VARCHAR(255),
    cause_type            VARCHAR(255),
    cause_message         VARCHAR(1023),
    diagnostics           BYTEA,
    CONSTRAINT pk_dead_letter_entry PRIMARY KEY (dead_letter_id),
    CONSTRAINT uk_dead_letter_sequence_index UNIQUE (processing_group, sequence_identifier, sequence_index)
);

CREATE INDEX ix_dead_letter_processing_group ON dead_letter_entry (processing_group);
CREATE INDEX ix_dead_letter_sequence ON dead_letter_entry (processing_group, sequence_identifier);
