-- GET /api/applications?q= answered from indexes (CONTRACT §4) instead of a scan of every application.
--
-- Names: a substring of a project or applicant name, case-insensitive. Chinese names have no spaces and most
-- searches are two characters (西青, 汽车), fewer than the three pg_trgm needs, so each row keeps its names'
-- character pairs (name_pairs, computed by the database on every write) under a GIN index: a name contains a
-- text of two characters or more only if it contains each of the text's pairs, and the query's LIKE beside the
-- index condition decides. A text of one character is matched by LIKE alone. The pairs are a stored column
-- rather than an index expression so that the rows the index proposes are checked without computing them again.
CREATE FUNCTION name_bigrams(name TEXT) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT COALESCE(array_agg(DISTINCT substr(name, i, 2)), '{}')
    FROM generate_series(1, length(name) - 1) AS i
$$;

-- the shadow table is swapped in as the live one by a rebuild: both have the column
ALTER TABLE application_view ADD COLUMN name_pairs TEXT[]
    GENERATED ALWAYS AS (name_bigrams(lower(project_name || ' ' || applicant_name))) STORED;
ALTER TABLE application_view_shadow ADD COLUMN name_pairs TEXT[]
    GENERATED ALWAYS AS (name_bigrams(lower(project_name || ' ' || applicant_name))) STORED;
CREATE INDEX ix_application_view_name_pairs ON application_view USING gin (name_pairs);

-- Credit codes and ids by prefix (LIKE 'X%'): pattern_ops, so that the index serves LIKE in any collation.
CREATE INDEX ix_application_view_credit_code ON application_view (credit_code varchar_pattern_ops);
CREATE INDEX ix_application_view_id_prefix ON application_view (id varchar_pattern_ops);
