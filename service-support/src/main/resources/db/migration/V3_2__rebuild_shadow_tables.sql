-- Shadow copies of the big read-model tables, for the rebuild (query-service ProjectionRebuild). A rebuild
-- folds the log into these in chunks, with no lock and while the live tables keep answering, then, in one
-- short transaction under the exclusive projection lock, copies them over the live tables. Between rebuilds
-- they are empty. Same columns as the live tables (keep them in step when those change); only the primary
-- keys, because the rebuild looks rows up by key and the live tables carry the query indexes.
-- The dashboard counters (direction_stats, district_stats) are a few rows: the rebuild keeps them in memory.

CREATE TABLE application_view_shadow (
    id                      VARCHAR(36)    NOT NULL PRIMARY KEY,
    project_name            VARCHAR(500)   NOT NULL,
    applicant_name          VARCHAR(500)   NOT NULL,
    direction               VARCHAR(8)     NOT NULL,
    district                VARCHAR(16)    NOT NULL,
    credit_code             VARCHAR(18)    NOT NULL,
    status                  VARCHAR(24)    NOT NULL,
    tier                    VARCHAR(16),
    claimable_tier          VARCHAR(16)    NOT NULL,
    score                   NUMERIC(9,4),
    eligible_investment     NUMERIC(18,2)  NOT NULL,
    requested_special_funds NUMERIC(18,2)  NOT NULL,
    awarded_amount          NUMERIC(18,2)  NOT NULL,
    top_up_amount           NUMERIC(18,2)  NOT NULL,
    municipal_share         NUMERIC(18,2)  NOT NULL,
    district_share          NUMERIC(18,2)  NOT NULL,
    submitted_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    submission_position     BIGINT         NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE dashboard_application_shadow (
    id                      VARCHAR(36)    NOT NULL PRIMARY KEY,
    project_name            VARCHAR(500)   NOT NULL,
    applicant_name          VARCHAR(500)   NOT NULL,
    direction               VARCHAR(8)     NOT NULL,
    district                VARCHAR(16)    NOT NULL,
    credit_code             VARCHAR(18)    NOT NULL,
    status                  VARCHAR(24)    NOT NULL,
    tier                    VARCHAR(16),
    claimable_tier          VARCHAR(16)    NOT NULL,
    score                   NUMERIC(9,4),
    eligible_investment     NUMERIC(18,2)  NOT NULL,
    requested_special_funds NUMERIC(18,2)  NOT NULL,
    awarded_amount          NUMERIC(18,2)  NOT NULL,
    top_up_amount           NUMERIC(18,2)  NOT NULL,
    municipal_share         NUMERIC(18,2)  NOT NULL,
    district_share          NUMERIC(18,2)  NOT NULL,
    submitted_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    submission_position     BIGINT         NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE commitment_entry_shadow (
    event_id        VARCHAR(255)  NOT NULL PRIMARY KEY,
    application_id  VARCHAR(36)   NOT NULL,
    kind            VARCHAR(8)    NOT NULL,
    direction       VARCHAR(8)    NOT NULL,
    district        VARCHAR(16)   NOT NULL,
    tier            VARCHAR(16)   NOT NULL,
    amount          NUMERIC(18,2) NOT NULL,
    municipal_share NUMERIC(18,2) NOT NULL,
    district_share  NUMERIC(18,2) NOT NULL,
    committed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    log_position    BIGINT        NOT NULL
);
