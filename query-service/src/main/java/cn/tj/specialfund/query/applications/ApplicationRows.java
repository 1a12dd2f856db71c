package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.applicationstate.ApplicationState;
import cn.tj.specialfund.query.projection.DatabaseProduct;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.Locale;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads of {@code application_view} for the API, in plain JDBC: a page of 50 is one indexed range read and, when
 * the page does not tell the total, a sum over {@code application_count}; no criteria-query translation, entity
 * hydration or persistence context per request.
 */
@Component
class ApplicationRows {

    private static final String COLUMNS = "id, project_name, applicant_name, direction, district, credit_code, "
            + "status, tier, claimable_tier, score, eligible_investment, requested_special_funds, awarded_amount, "
            + "top_up_amount, municipal_share, district_share, municipal_paid, district_paid, submitted_at, "
            + "submission_position, updated_at";
    private static final String ORDER = " ORDER BY submitted_at, submission_position, id";
    private static final RowMapper<ApplicationState> STATE = (rs, i) -> read(rs);

    /**
     * What a list asks for, all of it to hold: equality on direction, district and status, the submission time
     * within [{@code submittedFrom}, {@code submittedTo}], and the search text {@code q}: a substring of the project
     * or applicant name (case-insensitive), a prefix of the credit code or the id, or part of a district's name
     * ({@code qDistricts}, e.g. 西青 for XIQING).
     */
    record Filter(String direction, String district, String status, String q, Set<String> qDistricts,
                  Instant submittedFrom, Instant submittedTo) {

        Filter(String direction, String district, String status) {
            this(direction, district, status, null, Set.of(), null, null);
        }

        /** Only equality filters: the total is kept in {@code application_count}. */
        boolean countedAhead() {
            return q == null && submittedFrom == null && submittedTo == null;
        }

        String where() {
            return where(false, Arms.ALL);
        }

        List<Object> parameters() {
            return parameters(false, Arms.ALL);
        }

        /** Which arms of {@code q} a statement holds. */
        enum Arms {
            /** Names, credit code, id and the districts {@code q} names. */
            ALL,
            /** Names, credit code and id, in every district but those {@code q} names. */
            OUTSIDE_NAMED_DISTRICTS
        }

        /** A submission range and no search text: the total is kept per day in {@code application_day_count}. */
        boolean countsDaysAhead() {
            return q == null && (submittedFrom != null || submittedTo != null);
        }

        /** Whether the total can be counted as the named districts' count kept ahead plus the other arms' rows. */
        boolean countsNamedDistrictsAhead() {
            return q != null && !qDistricts.isEmpty() && submittedFrom == null && submittedTo == null;
        }

        /**
         * {@code nameIndex}: the names are searched through PostgreSQL's index of their character pairs
         * ({@code name_pairs}, db/vendor/postgresql V5_2) before LIKE decides; a search text of one character has
         * no pair and is matched by LIKE alone.
         */
        String where(boolean nameIndex, Arms arms) {
            List<String> parts = new ArrayList<>();
            if (direction != null) {
                parts.add("direction = ?");
            }
            if (district != null) {
                parts.add("district = ?");
            }
            if (status != null) {
                parts.add("status = ?");
            }
            if (submittedFrom != null) {
                parts.add("submitted_at >= ?");
            }
            if (submittedTo != null) {
                parts.add("submitted_at <= ?");
            }
            if (q != null) {
                String marks = String.join(", ", Collections.nCopies(qDistricts.size(), "?"));
                String districts = qDistricts.isEmpty() || arms != Arms.ALL ? "" : " OR district IN (" + marks + ")";
                String names = "(LOWER(project_name) LIKE ? ESCAPE '\\' OR LOWER(applicant_name) LIKE ? ESCAPE '\\')";
                if (usesNameIndex(nameIndex)) {
                    names = "(name_pairs @> name_bigrams(LOWER(?)) AND " + names + ")";
                }
                parts.add("(" + names + " OR credit_code LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\'" + districts + ")");
                if (arms == Arms.OUTSIDE_NAMED_DISTRICTS && !qDistricts.isEmpty()) {
                    parts.add("district NOT IN (" + marks + ")");
                }
            }
            return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }

        List<Object> parameters(boolean nameIndex, Arms arms) {
            List<Object> values = new ArrayList<>();
            if (direction != null) {
                values.add(direction);
            }
            if (district != null) {
                values.add(district);
            }
            if (status != null) {
                values.add(status);
            }
            if (submittedFrom != null) {
                values.add(submittedFrom.atOffset(ZoneOffset.UTC));
            }
            if (submittedTo != null) {
                values.add(submittedTo.atOffset(ZoneOffset.UTC));
            }
            if (q != null) {
                String literal = likeLiteral(q);
                if (usesNameIndex(nameIndex)) {
                    values.add(q);
                }
                values.add("%" + literal.toLowerCase(Locale.ROOT) + "%");
                values.add("%" + literal.toLowerCase(Locale.ROOT) + "%");
                values.add(literal.toUpperCase(Locale.ROOT) + "%");
                values.add(literal.toLowerCase(Locale.ROOT) + "%");
                values.addAll(qDistricts);
            }
            return values;
        }

        private boolean usesNameIndex(boolean nameIndex) {
            return nameIndex && q.codePointCount(0, q.length()) >= 2;
        }

        /** The search text matched as itself: LIKE's wildcards and the escape character escaped. */
        private static String likeLiteral(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }

    private final JdbcTemplate jdbc;
    private final ApplicationCounts counts;
    /** PostgreSQL has the index of the names' character pairs (db/vendor/postgresql); H2 scans. */
    private final boolean nameIndex;

    ApplicationRows(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.counts = new ApplicationCounts(jdbc);
        this.nameIndex = DatabaseProduct.isPostgres(jdbc);
    }

    Optional<ApplicationState> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM application_view WHERE id = ?", STATE, id).stream().findFirst();
    }

    /** One page in submission order, and how many match in all (counted only when the page does not tell). */
    ApplicationPageRows page(Filter filter, int page, int size) {
        List<Object> parameters = filter.parameters(nameIndex, Filter.Arms.ALL);
        String where = filter.where(nameIndex, Filter.Arms.ALL);
        long offset = (long) page * size;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(size);
        paged.add(offset);
        List<ApplicationState> rows = jdbc.query("SELECT " + COLUMNS + " FROM application_view" + where
                + ORDER + " LIMIT ? OFFSET ?", STATE, paged.toArray());
        long total;
        if (rows.size() < size && (offset == 0 || !rows.isEmpty())) {
            total = offset + rows.size();
        } else if (filter.countedAhead()) {
            total = counts.total(filter);
        } else if (filter.countsDaysAhead()) {
            total = counts.totalInRange(filter);
        } else if (filter.countsNamedDistrictsAhead()) {
            // q names districts (西青): their applications are counted ahead, and only the matches outside them
            // are counted row by row, a few instead of a district's tens of thousands at national size
            Long outside = jdbc.queryForObject("SELECT COUNT(*) FROM application_view"
                            + filter.where(nameIndex, Filter.Arms.OUTSIDE_NAMED_DISTRICTS), Long.class,
                    filter.parameters(nameIndex, Filter.Arms.OUTSIDE_NAMED_DISTRICTS).toArray());
            total = counts.totalInDistricts(filter) + (outside == null ? 0 : outside);
        } else {
            Long counted = jdbc.queryForObject("SELECT COUNT(*) FROM application_view" + where, Long.class,
                    parameters.toArray());
            total = counted == null ? 0 : counted;
        }
        return new ApplicationPageRows(rows, total);
    }

    /** Every match in submission order, row by row. */
    void each(Filter filter, Consumer<ApplicationState> sink) {
        jdbc.query("SELECT " + COLUMNS + " FROM application_view" + filter.where(nameIndex, Filter.Arms.ALL) + ORDER,
                rs -> {
                    sink.accept(read(rs));
                }, filter.parameters(nameIndex, Filter.Arms.ALL).toArray());
    }

    record ApplicationPageRows(List<ApplicationState> rows, long total) {
    }

    private static ApplicationState read(ResultSet rs) throws SQLException {
        String tier = rs.getString(8);
        return new ApplicationState(java.util.UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                Direction.fromCode(rs.getString(4)), District.valueOf(rs.getString(5)), rs.getString(6),
                ApplicationStatus.valueOf(rs.getString(7)), tier == null ? null : Tier.valueOf(tier),
                Tier.valueOf(rs.getString(9)), rs.getBigDecimal(10), Money.of(rs.getBigDecimal(11)),
                Money.of(rs.getBigDecimal(12)), Money.of(rs.getBigDecimal(13)), Money.of(rs.getBigDecimal(14)),
                Money.of(rs.getBigDecimal(15)), Money.of(rs.getBigDecimal(16)), Money.of(rs.getBigDecimal(17)),
                Money.of(rs.getBigDecimal(18)), instant(rs, 19), rs.getLong(20), instant(rs, 21));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
