-- A database that already holds applications and commitments starts from their figures (V5_3), by Beijing day.
INSERT INTO application_day_count (submitted_on, direction, district, status, applications)
SELECT CAST((submitted_at AT TIME ZONE 'Asia/Shanghai') AS DATE), direction, district, status, COUNT(*)
FROM application_view
GROUP BY CAST((submitted_at AT TIME ZONE 'Asia/Shanghai') AS DATE), direction, district, status;

INSERT INTO commitment_day_total (committed_on, direction, district, tier, amount, municipal_share,
                                  district_share, entries)
SELECT CAST((committed_at AT TIME ZONE 'Asia/Shanghai') AS DATE), direction, district, tier, SUM(amount),
       SUM(municipal_share), SUM(district_share), COUNT(*)
FROM commitment_entry
GROUP BY CAST((committed_at AT TIME ZONE 'Asia/Shanghai') AS DATE), direction, district, tier;
