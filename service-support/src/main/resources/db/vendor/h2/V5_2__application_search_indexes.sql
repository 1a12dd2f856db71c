-- GET /api/applications?q=: credit codes by prefix from an index (the PostgreSQL migration of this version also
-- indexes the names' character pairs; the embedded database scans names, as its data is a trial's).
CREATE INDEX ix_application_view_credit_code ON application_view (credit_code);
