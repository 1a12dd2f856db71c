-- A district officer's view of a cap (their district's SCORED candidates of a capped direction, best first, and how
-- many there are) is read again with every dashboard snapshot, several times a second while commands flow: one
-- ordered range of this index that stops at the list's end, and a count over that range, instead of every SCORED
-- row of the direction fetched and filtered by district (3.8 ms a statement at 20 000 applications, two of them a
-- snapshot, the largest share of the database's time behind the dashboards).
CREATE INDEX ix_dashboard_application_district_cap_order
    ON dashboard_application (direction, status, district, score DESC, submitted_at, submission_position);
