package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.query.projection.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the disbursements read model as it stood at an instant (events at exactly that instant included; a
 * payment reversed after it still paid at it), within a direction and a district if asked: the committed and
 * paid figures are summed per application (overdue matching funds are a matter of one application's shares
 * and payments, {@link ProgramRules#overdueMatching}) and then per district, direction and source.
 */
final class DisbursementFigures {

    /** Which part of the ledger, up to which instant (null: now, everything recorded). */
    record Scope(Instant asOf, String direction, String district) {

        /** The WHERE clause over a table (columns prefixed by {@code alias}) whose event instant is {@code at}. */
        String where(String alias, String at, List<Object> parameters) {
            List<String> parts = new ArrayList<>();
            if (asOf != null) {
                parts.add(alias + at + " <= ?");
                parameters.add(SqlValues.utc(asOf));
            }
            if (direction != null) {
                parts.add(alias + "direction = ?");
                parameters.add(direction);
            }
            if (district != null) {
                parts.add(alias + "district = ?");
                parameters.add(district);
            }
            return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }

        /** Payments not reversed at the instant. */
        String notReversed(List<Object> parameters) {
            if (asOf == null) {
                return "reversed_at IS NULL";
            }
            parameters.add(SqlValues.utc(asOf));
            return "(reversed_at IS NULL OR reversed_at > ?)";
        }
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "DisbursementsOfSource")
    record Source(BigDecimal committed, BigDecimal paid, BigDecimal outstanding) {
        static Source of(Money committed, Money paid) {
            return new Source(committed.amount(), paid.amount(), committed.minus(paid).amount());
        }
    }

    /**
     * A district's matching funds; beyond §8's fields, for the overdue list, the last day in time of its oldest
     * overdue share and the days since (both null when nothing is overdue).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "DisbursementsByDistrict")
    record ByDistrict(String code, BigDecimal matchingCommitted, BigDecimal matchingPaid,
                      BigDecimal matchingOutstanding, BigDecimal overdue, LocalDate oldestOverdueDueBy,
                      Long daysOverdue) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "DisbursementsByDirection")
    record ByDirection(String code, BigDecimal committed, BigDecimal paid) {
    }

    /** The answer's figures, in the order of its fields. */
    record Totals(BigDecimal committed, BigDecimal paid, BigDecimal outstanding, Source municipal, Source district,
                  List<ByDistrict> byDistrict, List<ByDirection> byDirection) {
    }

    /** One payments-ledger line as the answer and the exports show it. */
    record Entry(String disbursementId, String applicationId, String projectName, String applicantName,
                 String direction, String district, String source, BigDecimal amount, LocalDate paidOn,
                 String voucher, boolean reversed, Instant at) {
    }

    /** One application's figures. */
    private static final class Ledger {
        final List<ProgramRules.DistrictShare> districtShares = new ArrayList<>();
        String direction;
        String district;
        Money municipalCommitted = Money.ZERO;
        Money districtCommitted = Money.ZERO;
        Money municipalPaid = Money.ZERO;
        Money districtPaid = Money.ZERO;
    }

    private static final String ENTRIES = "SELECT e.disbursement_id, e.application_id, a.project_name, "
            + "a.applicant_name, e.direction, e.district, e.source, e.amount, e.paid_on, e.voucher, e.recorded_at, "
            + "e.reversed_at FROM " + DisbursementTables.PAYMENTS + " e LEFT JOIN " + DisbursementTables.NAMES
            + " a ON a.id = e.application_id";
    private static final String ORDER = " ORDER BY e.recorded_at, e.log_position, e.disbursement_id";

    private final JdbcTemplate jdbc;
    private final ProgramRules rules = ProgramRules.CALL_2020;

    DisbursementFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Totals totals(Scope scope) {
        Map<String, Ledger> ledgers = new HashMap<>();
        List<Object> parameters = new ArrayList<>();
        jdbc.query("SELECT application_id, direction, district, municipal_share, district_share, committed_at FROM "
                + DisbursementTables.COMMITMENTS + scope.where("", "committed_at", parameters), rs -> {
                    Ledger ledger = ledger(ledgers, rs);
                    Money municipal = Money.of(rs.getBigDecimal(4));
                    Money district = Money.of(rs.getBigDecimal(5));
                    ledger.municipalCommitted = ledger.municipalCommitted.plus(municipal);
                    ledger.districtCommitted = ledger.districtCommitted.plus(district);
                    ledger.districtShares.add(new ProgramRules.DistrictShare(
                            rules.callDate(SqlValues.instant(rs, "committed_at")), district));
                }, parameters.toArray());
        parameters.clear();
        String where = scope.where("", "recorded_at", parameters);
        String notReversed = scope.notReversed(parameters);
        jdbc.query("SELECT application_id, direction, district, source, SUM(amount) FROM "
                + DisbursementTables.PAYMENTS + (where.isEmpty() ? " WHERE " : where + " AND ") + notReversed
                + " GROUP BY application_id, direction, district, source", rs -> {
                    Ledger ledger = ledger(ledgers, rs);
                    Money paid = Money.of(rs.getBigDecimal(5));
                    if (FundingSource.valueOf(rs.getString(4)) == FundingSource.MUNICIPAL) {
                        ledger.municipalPaid = ledger.municipalPaid.plus(paid);
                    } else {
                        ledger.districtPaid = ledger.districtPaid.plus(paid);
                    }
                }, parameters.toArray());
        return sum(ledgers.values(), rules.callDate(scope.asOf() == null ? Instant.now() : scope.asOf()));
    }

    private static Ledger ledger(Map<String, Ledger> ledgers, ResultSet rs) throws SQLException {
        Ledger ledger = ledgers.computeIfAbsent(rs.getString(1), id -> new Ledger());
        ledger.direction = rs.getString(2);
        ledger.district = rs.getString(3);
        return ledger;
    }

    private Totals sum(Iterable<Ledger> ledgers, LocalDate asOfDate) {
        Map<String, Money[]> districts = new LinkedHashMap<>();
        for (District d : District.values()) {
            districts.put(d.name(), new Money[]{Money.ZERO, Money.ZERO, Money.ZERO});
        }
        Map<String, LocalDate> oldestDueBy = new HashMap<>();
        Map<String, Money[]> directions = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            directions.put(d.code(), new Money[]{Money.ZERO, Money.ZERO});
        }
        Money municipalCommitted = Money.ZERO;
        Money municipalPaid = Money.ZERO;
        Money districtCommitted = Money.ZERO;
        Money districtPaid = Money.ZERO;
        for (Ledger l : ledgers) {
            municipalCommitted = municipalCommitted.plus(l.municipalCommitted);
            municipalPaid = municipalPaid.plus(l.municipalPaid);
            districtCommitted = districtCommitted.plus(l.districtCommitted);
            districtPaid = districtPaid.plus(l.districtPaid);
            Money[] district = districts.get(l.district);
            district[0] = district[0].plus(l.districtCommitted);
            district[1] = district[1].plus(l.districtPaid);
            district[2] = district[2].plus(rules.overdueMatching(l.districtShares, l.districtPaid, asOfDate));
            rules.oldestOverdueDueBy(l.districtShares, l.districtPaid, asOfDate)
                    .ifPresent(dueBy -> oldestDueBy.merge(l.district, dueBy, (a, b) -> a.isBefore(b) ? a : b));
            Money[] direction = directions.get(l.direction);
            direction[0] = direction[0].plus(l.municipalCommitted).plus(l.districtCommitted);
            direction[1] = direction[1].plus(l.municipalPaid).plus(l.districtPaid);
        }
        List<ByDistrict> byDistrict = new ArrayList<>();
        districts.forEach((code, f) -> {
            LocalDate dueBy = oldestDueBy.get(code);
            byDistrict.add(new ByDistrict(code, f[0].amount(), f[1].amount(), f[0].minus(f[1]).amount(),
                    f[2].amount(), dueBy, dueBy == null ? null : rules.daysOverdue(dueBy, asOfDate)));
        });
        List<ByDirection> byDirection = new ArrayList<>();
        directions.forEach((code, f) -> byDirection.add(new ByDirection(code, f[0].amount(), f[1].amount())));
        Money committed = municipalCommitted.plus(districtCommitted);
        Money paid = municipalPaid.plus(districtPaid);
        return new Totals(committed.amount(), paid.amount(), committed.minus(paid).amount(),
                Source.of(municipalCommitted, municipalPaid), Source.of(districtCommitted, districtPaid),
                byDistrict, byDirection);
    }

    long entryCount(Scope scope) {
        List<Object> parameters = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + DisbursementTables.PAYMENTS
                + scope.where("", "recorded_at", parameters), Long.class, parameters.toArray());
        return count == null ? 0 : count;
    }

    /** One page of the entries, oldest first. */
    List<Entry> entries(Scope scope, int page, int size) {
        List<Entry> entries = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        String where = scope.where("e.", "recorded_at", parameters);
        parameters.add(size);
        parameters.add((long) page * size);
        jdbc.query(ENTRIES + where + ORDER + " LIMIT ? OFFSET ?", rs -> {
            entries.add(entry(rs, scope.asOf()));
        }, parameters.toArray());
        return entries;
    }

    /** Every entry, oldest first, row by row (for the exports). */
    void eachEntry(Scope scope, Consumer<Entry> sink) {
        List<Object> parameters = new ArrayList<>();
        String where = scope.where("e.", "recorded_at", parameters);
        jdbc.query(ENTRIES + where + ORDER, rs -> {
            sink.accept(entry(rs, scope.asOf()));
        }, parameters.toArray());
    }

    private static Entry entry(ResultSet rs, Instant asOf) throws SQLException {
        Instant reversedAt = SqlValues.instant(rs, "reversed_at");
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBigDecimal(8).setScale(2), rs.getDate(9).toLocalDate(),
                rs.getString(10), Payment.reversedBy(reversedAt, asOf),
                SqlValues.instant(rs, "recorded_at"));
    }
}
