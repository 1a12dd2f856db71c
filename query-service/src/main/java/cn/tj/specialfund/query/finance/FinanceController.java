package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.projection.CallDays;
import cn.tj.specialfund.query.projection.SqlValues;
import cn.tj.specialfund.query.web.Access;
import cn.tj.specialfund.query.web.Csv;
import cn.tj.specialfund.query.web.Export;
import cn.tj.specialfund.query.web.Spreadsheet;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The money the call has committed, from the commitments ledger, now or as it stood at an instant
 * (FINANCE, PROGRAM_MANAGER, AUDITOR, ADMIN).
 * <p>
 * The totals are the sums the projection keeps per day ({@link CommitmentTotals}): of every day, or, as of an
 * instant, of the days up to it with the lines of the rest of its own day added or subtracted (whichever is the
 * shorter part of the day, {@link CallDays.Covered}); the entries (one page of them in JSON, every one in the
 * exports) are streamed from a plain JDBC cursor straight into the response, so neither the heap nor the latency carries a copy of the whole ledger per request. Both reads
 * run in one REPEATABLE READ read-only transaction, so the totals are exactly the sums of the entries.
 */
@RestController
@RequestMapping("/api/finance")
class FinanceController {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY);
    private static final String ENTRIES = "SELECT e.application_id, e.kind, e.direction, e.district, e.tier, e.amount, "
            + "e.municipal_share, e.district_share, e.committed_at, a.project_name, a.applicant_name "
            + "FROM commitment_entry e LEFT JOIN " + FinanceProjection.NAMES + " a ON a.id = e.application_id";
    private static final String ORDER = " ORDER BY e.committed_at, e.log_position, e.event_id";
    private static final String ENTRIES_UP_TO = " WHERE e.committed_at <= ?";
    private static final String KEPT_TOTALS = "SELECT direction, district, tier, SUM(amount), SUM(municipal_share), "
            + "SUM(district_share), SUM(entries) FROM " + CommitmentTotals.TABLE;
    private static final String KEPT_UP_TO = " WHERE committed_on <= ?";
    private static final String LINE_TOTALS = "SELECT direction, district, tier, SUM(amount), SUM(municipal_share), "
            + "SUM(district_share), COUNT(*) FROM commitment_entry WHERE ";
    private static final String GROUPS = " GROUP BY direction, district, tier";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    FinanceController(DataSource dataSource, ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        // a cursor, not the whole result in memory (PostgreSQL streams only with a fetch size, in a transaction)
        this.jdbc.setFetchSize(1_000);
        this.json = json;
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "Commitment")
    record Entry(String applicationId, String projectName, String kind, String direction, String district,
                 String tier, BigDecimal amount, BigDecimal municipalShare, BigDecimal districtShare, Instant at,
                 @com.fasterxml.jackson.annotation.JsonIgnore String applicantName) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "CommitmentsByDirection")
    record ByDirection(String code, BigDecimal amount) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "CommitmentsByDistrict")
    record ByDistrict(String code, BigDecimal amount, BigDecimal municipal, BigDecimal district) {
    }

    /** The answer without its entries, in the order of the answer's fields; the entries follow it. */
    private record Totals(BigDecimal totalCommitted, BigDecimal municipal, BigDecimal district,
                          List<ByDirection> byDirection, List<ByDistrict> byDistrict, Map<String, BigDecimal> byTier,
                          long entryCount) {
    }

    @GetMapping("/commitments")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void commitments(@RequestParam(required = false) Instant asOf,
                            @RequestParam(required = false) String format,
                            @RequestParam(required = false) Integer entriesPage,
                            @RequestParam(required = false) Integer entriesSize,
                            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                            HttpServletResponse response) throws IOException {
        Export export = Export.of(accept, format);
        int page = InputLimits.Range.ENTRIES_PAGE.check(entriesPage);
        int size = InputLimits.Range.ENTRIES_SIZE.check(entriesSize);
        Access.requireRole(Role.FINANCE, Role.PROGRAM_MANAGER, Role.AUDITOR, Role.ADMIN);
        if (export == Export.CSV) {
            csv(asOf, response);
            return;
        }
        if (export == Export.XLSX) {
            xlsx(asOf, response);
            return;
        }
        Totals totals = totals(asOf);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (JsonGenerator out = json.createGenerator(response.getOutputStream(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writePOJOField("asOf", asOf == null ? Instant.now() : asOf);
            out.writePOJOField("totalCommitted", totals.totalCommitted());
            out.writePOJOField("municipal", totals.municipal());
            out.writePOJOField("district", totals.district());
            out.writePOJOField("byDirection", totals.byDirection());
            out.writePOJOField("byDistrict", totals.byDistrict());
            out.writePOJOField("byTier", totals.byTier());
            // the roles that may read the ledger see all of it, so the count is of every entry up to asOf
            out.writeNumberField("entryCount", totals.entryCount());
            out.writeArrayFieldStart("entries");
            entries(asOf, page, size, entry -> {
                try {
                    out.writeObject(entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private Totals totals(Instant asOf) {
        TotalsBuilder totals = new TotalsBuilder();
        RowCallbackHandler adding = rs -> totals.add(rs, false);
        if (asOf == null) {
            jdbc.query(KEPT_TOTALS + GROUPS, adding);
            return totals.build();
        }
        CallDays.Covered covered = CallDays.Covered.by(null, asOf);
        jdbc.query(KEPT_TOTALS + KEPT_UP_TO + GROUPS, adding, covered.last());
        for (CallDays.Covered.End end : covered.ends()) {
            RowCallbackHandler part = rs -> totals.add(rs, end.subtracted());
            jdbc.query(LINE_TOTALS + end.condition("committed_at") + GROUPS, part, SqlValues.utc(end.from()),
                    SqlValues.utc(end.to()));
        }
        return totals.build();
    }

    /** Sums grouped rows (direction, district, tier, amount, municipal, district, entries) into the answer. */
    private static final class TotalsBuilder {
        private BigDecimal total = ZERO;
        private BigDecimal municipal = ZERO;
        private BigDecimal districts = ZERO;
        private long entries;
        private final Map<String, BigDecimal> byDirection = new LinkedHashMap<>();
        private final Map<String, BigDecimal[]> byDistrict = new LinkedHashMap<>();
        private final Map<String, BigDecimal> byTier = new LinkedHashMap<>();

        TotalsBuilder() {
            for (Direction d : Direction.values()) {
                byDirection.put(d.code(), ZERO);
            }
            for (District d : District.values()) {
                byDistrict.put(d.name(), new BigDecimal[]{ZERO, ZERO, ZERO});
            }
            for (Tier t : Tier.values()) {
                byTier.put(t.name(), ZERO);
            }
        }

        void add(ResultSet rs, boolean subtracted) throws SQLException {
            BigDecimal amount = signed(subtracted, rs.getBigDecimal(4));
            BigDecimal municipalShare = signed(subtracted, rs.getBigDecimal(5));
            BigDecimal districtShare = signed(subtracted, rs.getBigDecimal(6));
            total = total.add(amount);
            municipal = municipal.add(municipalShare);
            districts = districts.add(districtShare);
            entries += subtracted ? -rs.getLong(7) : rs.getLong(7);
            byDirection.merge(rs.getString(1), amount, BigDecimal::add);
            BigDecimal[] ofDistrict = byDistrict.computeIfAbsent(rs.getString(2),
                    code -> new BigDecimal[]{ZERO, ZERO, ZERO});
            ofDistrict[0] = ofDistrict[0].add(amount);
            ofDistrict[1] = ofDistrict[1].add(municipalShare);
            ofDistrict[2] = ofDistrict[2].add(districtShare);
            byTier.merge(rs.getString(3), amount, BigDecimal::add);
        }

        Totals build() {
            List<ByDirection> directions = new ArrayList<>();
            byDirection.forEach((code, amount) -> directions.add(new ByDirection(code, amount)));
            List<ByDistrict> ofDistricts = new ArrayList<>();
            byDistrict.forEach((code, s) -> ofDistricts.add(new ByDistrict(code, s[0], s[1], s[2])));
            return new Totals(total, municipal, districts, directions, ofDistricts, byTier, entries);
        }

        private static BigDecimal signed(boolean subtracted, BigDecimal amount) {
            return subtracted ? money(amount).negate() : money(amount);
        }
    }

    /** Every entry up to {@code asOf}, oldest first (the exports). */
    private void entries(Instant asOf, java.util.function.Consumer<Entry> sink) {
        jdbc.query(asOf == null ? ENTRIES + ORDER : ENTRIES + ENTRIES_UP_TO + ORDER, rs -> {
            sink.accept(entry(rs));
        }, parameters(asOf));
    }

    /** One page of them (the JSON answer: {@code entriesPage} 0…, {@code entriesSize} 1–1000, default 100). */
    private void entries(Instant asOf, int page, int size, java.util.function.Consumer<Entry> sink) {
        List<Object> values = new ArrayList<>(Arrays.asList(parameters(asOf)));
        values.add(size);
        values.add((long) page * size);
        jdbc.query((asOf == null ? ENTRIES + ORDER : ENTRIES + ENTRIES_UP_TO + ORDER) + " LIMIT ? OFFSET ?", rs -> {
            sink.accept(entry(rs));
        }, values.toArray());
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString(1), rs.getString(10), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), money(rs.getBigDecimal(6)), money(rs.getBigDecimal(7)), money(rs.getBigDecimal(8)),
                rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(11));
    }

    private static Object[] parameters(Instant asOf) {
        return asOf == null ? new Object[0] : new Object[]{OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC)};
    }

    private void csv(Instant asOf, HttpServletResponse response) throws IOException {
        Writer out = Csv.stream(response, "commitments.csv");
        out.write(Csv.line(List.of("applicationId", "kind", "direction", "district", "tier", "amount",
                "municipalShare", "districtShare", "at", "projectName", "applicantName")));
        entries(asOf, e -> Csv.write(out, Arrays.asList(e.applicationId(), e.kind(), e.direction(), e.district(),
                e.tier(), e.amount(), e.municipalShare(), e.districtShare(), e.at().toString(), e.projectName(),
                e.applicantName())));
        out.flush();
    }

    private static final List<Spreadsheet.Column> SHEET = List.of(
            new Spreadsheet.Column("记账时间（北京时间）", Spreadsheet.Kind.TIME, 20),
            new Spreadsheet.Column("类型", Spreadsheet.Kind.TEXT, 10),
            new Spreadsheet.Column("项目名称", Spreadsheet.Kind.TEXT, 40),
            new Spreadsheet.Column("申报单位", Spreadsheet.Kind.TEXT, 36),
            new Spreadsheet.Column("支持方向", Spreadsheet.Kind.TEXT, 40),
            new Spreadsheet.Column("所属区", Spreadsheet.Kind.TEXT, 10),
            new Spreadsheet.Column("支持档次", Spreadsheet.Kind.TEXT, 16),
            new Spreadsheet.Column("金额（元）", Spreadsheet.Kind.MONEY, 16),
            new Spreadsheet.Column("市级承担（元）", Spreadsheet.Kind.MONEY, 16),
            new Spreadsheet.Column("区级配套（元）", Spreadsheet.Kind.MONEY, 16),
            new Spreadsheet.Column("项目编号", Spreadsheet.Kind.TEXT, 38));

    /** The ledger for people: Chinese headers and labels, Beijing time, yuan with two decimals, a totals row. */
    private void xlsx(Instant asOf, HttpServletResponse response) throws IOException {
        Spreadsheet sheet = Spreadsheet.start(response, "资金承诺台账.xlsx", "资金承诺台账", SHEET);
        entries(asOf, e -> {
            Direction direction = Direction.fromCode(e.direction());
            sheet.row(Arrays.asList(e.at(), Commitment.TOP_UP.equals(e.kind()) ? "追加奖补" : "奖补",
                    e.projectName(), e.applicantName(), direction.code() + " " + direction.displayName(),
                    District.valueOf(e.district()).displayName(), Tier.valueOf(e.tier()).displayName(),
                    e.amount(), e.municipalShare(), e.districtShare(), e.applicationId()), true);
        });
        sheet.finish("合计");
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
