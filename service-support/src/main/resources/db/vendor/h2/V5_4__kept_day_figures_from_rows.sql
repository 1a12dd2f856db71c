-- A database that already holds applications and commitments starts from their figures (V5_3), by Beijing day
-- (H2's CAST of a timestamp with time zone to DATE takes the session's zone, so the day is formatted in Beijing's).
INSERT INTO application_day_count (submitted_on, direction, district, status, applications)
SELECT CAST(FORMATDATETIME(submitted_at, 'yyyy-MM-dd', 'en', 'Asia/Shanghai') AS DATE), direction, district, status, COUNT(*)
FROM application_view
GROUP BY CAST(FORMATDATETIME(submitted_at, 'yyyy-MM-dd', 'en', 'Asia/Shanghai') AS DATE), direction, district, status;

INSERT INTO commitment_day_total (committed_on, direction, district, tier, amount, municipal_share,
                                  district_share, entries)
SELECT CAST(FORMATDATETIME(committed_at, 'yyyy-MM-dd', 'en', 'Asia/Shanghai') AS DATE), direction, district, tier, SUM(amount),
       SUM(municipal_share), SUM(district_share), COUNT(*)
FROM commitment_entry
GROUP BY CAST(FORMATDATETIME(committed_at, 'yyyy-MM-dd', 'en', 'Asia/Shanghai') AS DATE), direction, district, tier;
