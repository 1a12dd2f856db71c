-- Set-based guards of the command side. Both are written in the transaction of the command that
-- needs them, together with its events, so a refused command leaves no trace here either.

-- 二(一): one application per applicant in the call, whatever became of it.
CREATE TABLE applicant_registry (
    credit_code     VARCHAR(18) NOT NULL PRIMARY KEY,
    application_id  VARCHAR(36) NOT NULL
);

-- Directions whose number of supported projects the call limits (1.1: at most 10). The command service
-- seeds one row per capped direction from its rules on start; an award takes a slot with
-- UPDATE ... SET awarded = awarded + 1 WHERE awarded < cap, whose row lock serialises the replicas.
CREATE TABLE award_slot (
    direction  VARCHAR(8) NOT NULL PRIMARY KEY,
    cap        INTEGER    NOT NULL,
    awarded    INTEGER    NOT NULL,
    CONSTRAINT ck_award_slot_awarded CHECK (awarded >= 0)
);
