-- §8 on the read side.

-- What each share of an application has been paid (the application state of GET /api/applications/{id} and of
-- the dashboards' copy). Rows projected before this column existed say 0: a rebuild
-- (POST /api/admin/projections/rebuild) folds the payments already in the log into them.
ALTER TABLE application_view ADD COLUMN municipal_paid NUMERIC(18,2) DEFAULT 0 NOT NULL;
ALTER TABLE application_view ADD COLUMN district_paid NUMERIC(18,2) DEFAULT 0 NOT NULL;
ALTER TABLE application_view_shadow ADD COLUMN municipal_paid NUMERIC(18,2) DEFAULT 0 NOT NULL;
ALTER TABLE application_view_shadow ADD COLUMN district_paid NUMERIC(18,2) DEFAULT 0 NOT NULL;
ALTER TABLE dashboard_application ADD COLUMN municipal_paid NUMERIC(18,2) DEFAULT 0 NOT NULL;
ALTER TABLE dashboard_application ADD COLUMN district_paid NUMERIC(18,2) DEFAULT 0 NOT NULL;
ALTER TABLE dashboard_application_shadow ADD COLUMN municipal_paid NUMERIC(18,2) DEFAULT 0 NOT NULL;
ALTER TABLE dashboard_application_shadow ADD COLUMN district_paid NUMERIC(18,2) DEFAULT 0 NOT NULL;

-- The disbursements read model (processing group disbursements-ledger), with the _shadow twins its rebuild
-- fills. Every figure of GET /api/finance/disbursements is a sum over these rows up to an instant, so the
-- answer as of any instant comes from the same rows as the answer now.

-- The names its entries show, from ApplicationSubmitted.
CREATE TABLE disbursement_application (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    project_name    VARCHAR(500)  NOT NULL,
    applicant_name  VARCHAR(500)  NOT NULL
);
CREATE TABLE disbursement_application_shadow (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    project_name    VARCHAR(500)  NOT NULL,
    applicant_name  VARCHAR(500)  NOT NULL
);

-- Each award and top-up: the shares committed, at the instant of its event (a district share's 90 days run
-- from the Beijing date of that instant).
CREATE TABLE disbursement_commitment (
    event_id        VARCHAR(255)  NOT NULL PRIMARY KEY,
    application_id  VARCHAR(36)   NOT NULL,
    direction       VARCHAR(8)    NOT NULL,
    district        VARCHAR(16)   NOT NULL,
    municipal_share NUMERIC(18,2) NOT NULL,
    district_share  NUMERIC(18,2) NOT NULL,
    committed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    log_position    BIGINT        NOT NULL
);
CREATE INDEX ix_disbursement_commitment_at ON disbursement_commitment (committed_at);
CREATE TABLE disbursement_commitment_shadow (
    event_id        VARCHAR(255)  NOT NULL PRIMARY KEY,
    application_id  VARCHAR(36)   NOT NULL,
    direction       VARCHAR(8)    NOT NULL,
    district        VARCHAR(16)   NOT NULL,
    municipal_share NUMERIC(18,2) NOT NULL,
    district_share  NUMERIC(18,2) NOT NULL,
    committed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    log_position    BIGINT        NOT NULL
);

-- The payments ledger: one row per payment, recorded at the instant of DisbursementRecorded; a reversal sets
-- reversed_at (the instant of DisbursementReversed), so a payment reversed after an as-of instant still
-- counts as paid at it.
CREATE TABLE disbursement_entry (
    disbursement_id VARCHAR(36)   NOT NULL PRIMARY KEY,
    application_id  VARCHAR(36)   NOT NULL,
    direction       VARCHAR(8)    NOT NULL,
    district        VARCHAR(16)   NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    amount          NUMERIC(18,2) NOT NULL,
    paid_on         DATE          NOT NULL,
    voucher         VARCHAR(1000) NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    log_position    BIGINT        NOT NULL,
    reversed_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_disbursement_entry_at ON disbursement_entry (recorded_at, log_position);
CREATE INDEX ix_disbursement_entry_district ON disbursement_entry (district, recorded_at, log_position);
CREATE TABLE disbursement_entry_shadow (
    disbursement_id VARCHAR(36)   NOT NULL PRIMARY KEY,
    application_id  VARCHAR(36)   NOT NULL,
    direction       VARCHAR(8)    NOT NULL,
    district        VARCHAR(16)   NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    amount          NUMERIC(18,2) NOT NULL,
    paid_on         DATE          NOT NULL,
    voucher         VARCHAR(1000) NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    log_position    BIGINT        NOT NULL,
    reversed_at     TIMESTAMP WITH TIME ZONE
);

-- The commitments ledger's own copy of the names (processing group finance-ledger), for its entries and exports.
CREATE TABLE finance_application (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    project_name    VARCHAR(500)  NOT NULL,
    applicant_name  VARCHAR(500)  NOT NULL
);
CREATE TABLE finance_application_shadow (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    project_name    VARCHAR(500)  NOT NULL,
    applicant_name  VARCHAR(500)  NOT NULL
);
