package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.query.projection.KeptFigures;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the counter rows, with plain JDBC: a dashboard reads 12 or 16 rows, and Hibernate's query
 * translation and entity mapping cost more CPU than the rest of the request. Live batches add differences, in
 * a fixed order (direction code, district order) so that two segments updating the same rows cannot
 * deadlock ({@link KeptFigures}); a rebuild sets absolute figures.
 */
final class DashboardTables {

    private static final String DIRECTION_COLUMNS = "submitted, district_approved, scored, awarded, not_selected, "
            + "district_rejected, awarded_amount, top_up_amount, total_support";
    private static final String DISTRICT_COLUMNS = "awarded_projects, total_support, municipal_share, "
            + "matching_obligation, pending_exposure";

    private final JdbcTemplate jdbc;
    // a live batch's differences as one multi-row upsert per table on PostgreSQL, where an UPDATE per row took one
    // statement each; a rebuild's figures (every row, NONE where it found nothing) replace the table's rows
    private final KeptFigures directions;
    private final KeptFigures districts;

    DashboardTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.directions = new KeptFigures(jdbc, "direction_stats", List.of("code"),
                List.of(DIRECTION_COLUMNS.split(", ")));
        this.districts = new KeptFigures(jdbc, "district_stats", List.of("code"),
                List.of(DISTRICT_COLUMNS.split(", ")));
    }

    /** The figures of every direction that has a row. */
    Map<Direction, DirectionFigures> directions() {
        Map<Direction, DirectionFigures> figures = new EnumMap<>(Direction.class);
        jdbc.query("SELECT code, " + DIRECTION_COLUMNS + " FROM direction_stats", rs -> {
            figures.put(Direction.fromCode(rs.getString(1)), new DirectionFigures(rs.getLong(2), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8),
                    rs.getBigDecimal(9), rs.getBigDecimal(10)));
        });
        return figures;
    }

    /** The figures of every district that has a row. */
    Map<District, DistrictFigures> districts() {
        Map<District, DistrictFigures> figures = new EnumMap<>(District.class);
        jdbc.query("SELECT code, " + DISTRICT_COLUMNS + " FROM district_stats", rs -> {
            figures.put(District.valueOf(rs.getString(1)), new DistrictFigures(rs.getLong(2), rs.getBigDecimal(3),
                    rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)));
        });
        return figures;
    }

    void addToDirections(Map<Direction, DirectionFigures> deltas) {
        writeDirections(deltas, true);
    }

    void setDirections(Map<Direction, DirectionFigures> figures) {
        writeDirections(figures, false);
    }

    void addToDistricts(Map<District, DistrictFigures> deltas) {
        writeDistricts(deltas, true);
    }

    void setDistricts(Map<District, DistrictFigures> figures) {
        writeDistricts(figures, false);
    }

    private void writeDirections(Map<Direction, DirectionFigures> figures, boolean add) {
        List<Object[]> rows = new ArrayList<>();
        for (Direction d : Direction.values()) {
            DirectionFigures f = figures.get(d);
            if (f == null) {
                if (add) {
                    continue;
                }
                f = DirectionFigures.NONE;
            } else if (add && f.isZero()) {
                continue;
            }
            rows.add(new Object[]{d.code(), f.submitted(), f.districtApproved(), f.scored(), f.awarded(),
                    f.notSelected(), f.districtRejected(), f.awardedAmount(), f.topUpAmount(), f.totalSupport()});
        }
        if (add) {
            directions.add(rows);
        } else {
            directions.replaceAll(rows);
        }
    }

    private void writeDistricts(Map<District, DistrictFigures> figures, boolean add) {
        List<Object[]> rows = new ArrayList<>();
        for (District d : District.values()) {
            DistrictFigures f = figures.get(d);
            if (f == null) {
                if (add) {
                    continue;
                }
                f = DistrictFigures.NONE;
            } else if (add && f.isZero()) {
                continue;
            }
            rows.add(new Object[]{d.name(), f.awardedProjects(), f.totalSupport(), f.municipalShare(),
                    f.matchingObligation(), f.pendingExposure()});
        }
        if (add) {
            districts.add(rows);
        } else {
            districts.replaceAll(rows);
        }
    }
}
