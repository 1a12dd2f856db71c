-- One rebuild at a time across every query-service process on the database (they share the shadow tables):
-- the process rebuilding holds a lease it renews while it runs and releases when it ends; the lease of a
-- process that died expires.
ALTER TABLE projection_state ADD COLUMN rebuild_owner VARCHAR(36);
ALTER TABLE projection_state ADD COLUMN rebuild_lease_until TIMESTAMP WITH TIME ZONE;
