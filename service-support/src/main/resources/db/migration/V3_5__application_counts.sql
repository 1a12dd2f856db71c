-- GET /api/applications?direction=&district=&status= answers its "total" from this table, kept by the
-- applications projection in the same transactions as application_view, instead of counting the matching
-- rows of application_view per request (tens of thousands of rows per direction at national scale).
-- Every (direction, district, status) has its row from the start, so that projection batches only ever add
-- to existing rows, in one order, and two segments never race to create the same row.
CREATE TABLE application_count (
    direction     VARCHAR(8)   NOT NULL,
    district      VARCHAR(16)  NOT NULL,
    status        VARCHAR(24)  NOT NULL,
    applications  BIGINT       NOT NULL,
    CONSTRAINT pk_application_count PRIMARY KEY (direction, district, status)
);

INSERT INTO application_count (direction, district, status, applications)
SELECT d.code, t.code, s.code, 0
FROM (VALUES ('1.1'), ('1.2'), ('1.3'), ('1.4'), ('1.5'), ('1.6'), ('1.7'),
             ('2.1'), ('2.2'), ('2.3'), ('2.4'), ('2.5')) AS d (code)
CROSS JOIN (VALUES ('HEPING'), ('HEDONG'), ('HEXI'), ('NANKAI'), ('HEBEI'), ('HONGQIAO'), ('DONGLI'),
                   ('XIQING'), ('JINNAN'), ('BEICHEN'), ('WUQING'), ('BAODI'), ('NINGHE'), ('JINGHAI'),
                   ('JIZHOU'), ('BINHAI')) AS t (code)
CROSS JOIN (VALUES ('SUBMITTED'), ('DISTRICT_APPROVED'), ('DISTRICT_REJECTED'), ('SCORED'), ('AWARDED'),
                   ('NOT_SELECTED'), ('TOPPED_UP')) AS s (code);

-- a database that already holds applications starts from their counts
UPDATE application_count SET applications = (
    SELECT COUNT(*) FROM application_view v
    WHERE v.direction = application_count.direction AND v.district = application_count.district
      AND v.status = application_count.status);
