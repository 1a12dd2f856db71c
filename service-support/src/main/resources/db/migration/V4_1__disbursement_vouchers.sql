-- §8: a payment voucher is used once in the call. Written in the transaction of the payment's command,
-- together with its event, so a refused payment leaves no trace. Keyed by the voucher's SHA-256 (hex): a
-- voucher may be 1 000 characters, more than a B-tree entry holds.
CREATE TABLE disbursement_voucher (
    voucher_hash     CHAR(64)      NOT NULL PRIMARY KEY,
    voucher          VARCHAR(1000) NOT NULL,
    application_id   VARCHAR(36)   NOT NULL,
    disbursement_id  VARCHAR(36)   NOT NULL
);
