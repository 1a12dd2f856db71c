-- GET /api/applications?direction=&district=&status=: a page in submission order within a direction and a status,
-- or a district and a status, read as one ordered range that stops at the page's end, instead of every row of the
-- direction and status fetched and sorted (tens of thousands at national scale, 0.5 s at the p99). With all three,
-- either range is read with the third as a filter: a page's worth of rows times the filter's selectivity.
DROP INDEX ix_application_view_direction_status;
CREATE INDEX ix_application_view_direction_status_order
    ON application_view (direction, status, submitted_at, submission_position, id);
CREATE INDEX ix_application_view_district_status_order
    ON application_view (district, status, submitted_at, submission_position, id);
