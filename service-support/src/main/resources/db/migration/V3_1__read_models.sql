-- Read models of the query side. They are rebuilt from the event log at will; nothing here is a record of
-- its own. Every table is written by one processing group (or by a rebuild, which replaces all of them in
-- one transaction together with the processors' tokens).

-- One row that live projection batches lock (shared) and a rebuild locks (exclusive) while it swaps the
-- rebuilt state in, so no live batch is half-way through when the read models are replaced.
CREATE TABLE projection_state (
    id              INTEGER     NOT NULL PRIMARY KEY,
    rebuilds        BIGINT      NOT NULL,
    last_rebuild_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO projection_state (id, rebuilds) VALUES (1, 0);

-- Every application as it stands (processing group applications-view). Ordered by submission: the time
-- and, for equal times, the position of ApplicationSubmitted in the log.
CREATE TABLE application_view (
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
CREATE INDEX ix_application_view_order ON application_view (submitted_at, submission_position);
CREATE INDEX ix_application_view_district ON application_view (district, submitted_at);
CREATE INDEX ix_application_view_direction_status ON application_view (direction, status);

-- The dashboards' own copy of each application's state (processing group dashboard-view): the dashboard
-- counters change by the difference an event makes to one application, whatever the other groups have seen.
CREATE TABLE dashboard_application (
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
CREATE INDEX ix_dashboard_application_candidates ON dashboard_application (direction, status, score);

-- Funnel counters and sums per direction: one small row each, so the dashboard reads 12 rows however long
-- the log grows.
CREATE TABLE direction_stats (
    code               VARCHAR(8)    NOT NULL PRIMARY KEY,
    submitted          BIGINT        NOT NULL,
    district_approved  BIGINT        NOT NULL,
    scored             BIGINT        NOT NULL,
    awarded            BIGINT        NOT NULL,
    not_selected       BIGINT        NOT NULL,
    district_rejected  BIGINT        NOT NULL,
    awarded_amount     NUMERIC(18,2) NOT NULL,
    top_up_amount      NUMERIC(18,2) NOT NULL,
    total_support      NUMERIC(18,2) NOT NULL
);
INSERT INTO direction_stats VALUES ('1.1', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('1.2', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('1.3', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('1.4', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('1.5', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('1.6', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('1.7', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('2.1', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('2.2', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('2.3', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('2.4', 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO direction_stats VALUES ('2.5', 0, 0, 0, 0, 0, 0, 0, 0, 0);

CREATE TABLE district_stats (
    code                VARCHAR(16)   NOT NULL PRIMARY KEY,
    awarded_projects    BIGINT        NOT NULL,
    total_support       NUMERIC(18,2) NOT NULL,
    municipal_share     NUMERIC(18,2) NOT NULL,
    matching_obligation NUMERIC(18,2) NOT NULL,
    pending_exposure    NUMERIC(18,2) NOT NULL
);
INSERT INTO district_stats VALUES ('HEPING', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('HEDONG', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('HEXI', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('NANKAI', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('HEBEI', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('HONGQIAO', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('DONGLI', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('XIQING', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('JINNAN', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('BEICHEN', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('WUQING', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('BAODI', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('NINGHE', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('JINGHAI', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('JIZHOU', 0, 0, 0, 0, 0);
INSERT INTO district_stats VALUES ('BINHAI', 0, 0, 0, 0, 0);

-- The commitments ledger (processing group finance-ledger): one row per award and per top-up, at the
-- instant of its event. Keyed by the event, so an entry exists once.
CREATE TABLE commitment_entry (
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
CREATE INDEX ix_commitment_entry_at ON commitment_entry (committed_at, log_position);
