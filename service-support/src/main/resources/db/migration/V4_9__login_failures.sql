-- Failed logins (contract §5), shared by every replica of both services: nginx spreads a client's attempts
-- over them, and each must count them all. Keys are SHA-256 (hex) of the (address, user name) pair or of the
-- address, so no user name an attacker typed is stored; times are epoch milliseconds.
CREATE TABLE login_failure (
    pair_key     CHAR(64) NOT NULL,
    address_key  CHAR(64) NOT NULL,
    failed_at    BIGINT   NOT NULL
);
CREATE INDEX ix_login_failure_pair ON login_failure (pair_key, failed_at);
CREATE INDEX ix_login_failure_address ON login_failure (address_key, failed_at);

CREATE TABLE login_block (
    block_key      CHAR(64) NOT NULL PRIMARY KEY,
    blocked_until  BIGINT   NOT NULL
);
