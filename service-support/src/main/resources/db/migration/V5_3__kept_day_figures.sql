-- A submission range's total (GET /api/applications?submittedFrom=&submittedTo=) and finance's totals (GET
-- /api/finance/commitments, now or as of an instant) from figures kept per Beijing day by their projections, in
-- the same transactions as their rows: a range is the sum of its whole days plus a count of its partial ends,
-- instead of a count or a sum of every matching row per request (600 000 applications at national scale).
-- A day's row appears with its first application or commitment; V5_4 (per database) fills both from the rows.
CREATE TABLE application_day_count (
    submitted_on  DATE         NOT NULL,
    direction     VARCHAR(8)   NOT NULL,
    district      VARCHAR(16)  NOT NULL,
    status        VARCHAR(24)  NOT NULL,
    applications  BIGINT       NOT NULL,
    CONSTRAINT pk_application_day_count PRIMARY KEY (submitted_on, direction, district, status)
);

CREATE TABLE commitment_day_total (
    committed_on     DATE           NOT NULL,
    direction        VARCHAR(8)     NOT NULL,
    district         VARCHAR(16)    NOT NULL,
    tier             VARCHAR(16)    NOT NULL,
    amount           NUMERIC(18,2)  NOT NULL,
    municipal_share  NUMERIC(18,2)  NOT NULL,
    district_share   NUMERIC(18,2)  NOT NULL,
    entries          BIGINT         NOT NULL,
    CONSTRAINT pk_commitment_day_total PRIMARY KEY (committed_on, direction, district, tier)
);
