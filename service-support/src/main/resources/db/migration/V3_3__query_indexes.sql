-- The cap dashboard lists a capped direction's SCORED applications best score first, and the list grows with
-- every refused award: this index hands them over in that order (no sort), as one ordered range.
CREATE INDEX ix_dashboard_application_cap_order
    ON dashboard_application (direction, status, score DESC, submitted_at, submission_position);

-- GET /api/applications?direction=…: the page in submission order within a direction, read as one range.
CREATE INDEX ix_application_view_direction_order
    ON application_view (direction, submitted_at, submission_position, id);
