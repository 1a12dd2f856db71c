-- ix_dashboard_application_candidates (direction, status, score) is a prefix of ix_dashboard_application_cap_order
-- (direction, status, score DESC, …) since V3_3: every read it served the longer index serves as well, and every
-- insert and status change of an application maintained both.
DROP INDEX ix_dashboard_application_candidates;
