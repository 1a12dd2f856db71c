package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.query.web.Access;
import cn.tj.specialfund.query.web.Csv;
import cn.tj.specialfund.query.web.Export;
import cn.tj.specialfund.query.web.Spreadsheet;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * GET /api/finance/disbursements (§8): committed, paid and outstanding, per source, district and direction, the
 * overdue matching funds and a page of the payments ledger, now or as of an instant, within a direction and a
 * district if asked (FINANCE, PROGRAM_MANAGER, AUDITOR, ADMIN; a district officer within their own district).
 * The figures and the page are read in one REPEATABLE READ transaction, so they agree with one another.
 * <p>
 * For people and spreadsheets, {@code Accept: text/csv} or {@code format=csv} streams every entry of the scope as
 * CSV (UTF-8 with a byte order mark), and {@code Accept: application/vnd.openxmlformats-officedocument
 * .spreadsheetml.sheet} or {@code format=xlsx} as an Excel workbook with Chinese headers and labels.
 */
@RestController
@RequestMapping("/api/finance")
class DisbursementController {

    private final DisbursementFigures figures;

    DisbursementController(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(1_000);
        this.figures = new DisbursementFigures(jdbc);
    }

    record Disbursements(Instant asOf, BigDecimal committed, BigDecimal paid, BigDecimal outstanding,
                         DisbursementFigures.Source municipal, DisbursementFigures.Source district,
                         List<DisbursementFigures.ByDistrict> byDistrict,
                         List<DisbursementFigures.ByDirection> byDirection, long entryCount, List<Entry> entries) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "Disbursement")
    record Entry(String disbursementId, String applicationId, String projectName, String source, BigDecimal amount,
                 java.time.LocalDate paidOn, String voucher, boolean reversed, Instant at) {

        static Entry of(DisbursementFigures.Entry e) {
            return new Entry(e.disbursementId(), e.applicationId(), e.projectName(), e.source(), e.amount(),
                    e.paidOn(), e.voucher(), e.reversed(), e.at());
        }
    }

    @GetMapping("/disbursements")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Disbursements disbursements(@RequestParam(required = false) Instant asOf,
                                       @RequestParam(required = false) String direction,
                                       @RequestParam(required = false) String district,
                                       @RequestParam(required = false) Integer entriesPage,
                                       @RequestParam(required = false) Integer entriesSize,
                                       @RequestParam(required = false) String format,
                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                       HttpServletResponse response) throws IOException {
        Export export = Export.of(accept, format);
        int page = InputLimits.Range.ENTRIES_PAGE.check(entriesPage);
        int size = InputLimits.Range.ENTRIES_SIZE.check(entriesSize);
        DisbursementFigures.Scope scope = scope(asOf, direction, district);
        if (export == Export.CSV) {
            csv(scope, response);
            return null;
        }
        if (export == Export.XLSX) {
            xlsx(scope, response);
            return null;
        }
        DisbursementFigures.Totals totals = figures.totals(scope);
        return new Disbursements(asOf == null ? Instant.now() : asOf, totals.committed(), totals.paid(),
                totals.outstanding(), totals.municipal(), totals.district(), totals.byDistrict(),
                totals.byDirection(), figures.entryCount(scope),
                figures.entries(scope, page, size).stream().map(Entry::of).toList());
    }

    /** Every entry of the scope (not one page), for machines. */
    private void csv(DisbursementFigures.Scope scope, HttpServletResponse response) throws IOException {
        Writer out = Csv.stream(response, "disbursements.csv");
        out.write(Csv.line(List.of("disbursementId", "applicationId", "projectName", "applicantName", "direction",
                "district", "source", "amount", "paidOn", "voucher", "reversed", "at")));
        figures.eachEntry(scope, e -> Csv.write(out, Arrays.asList(e.disbursementId(), e.applicationId(),
                e.projectName(), e.applicantName(), e.direction(), e.district(), e.source(), e.amount(), e.paidOn(),
                e.voucher(), e.reversed(), e.at())));
        out.flush();
    }

    private static final List<Spreadsheet.Column> SHEET = List.of(
            new Spreadsheet.Column("记账时间（北京时间）", Spreadsheet.Kind.TIME, 20),
            new Spreadsheet.Column("拨付日期", Spreadsheet.Kind.DATE, 12),
            new Spreadsheet.Column("项目名称", Spreadsheet.Kind.TEXT, 40),
            new Spreadsheet.Column("申报单位", Spreadsheet.Kind.TEXT, 36),
            new Spreadsheet.Column("支持方向", Spreadsheet.Kind.TEXT, 40),
            new Spreadsheet.Column("所属区", Spreadsheet.Kind.TEXT, 10),
            new Spreadsheet.Column("资金来源", Spreadsheet.Kind.TEXT, 14),
            new Spreadsheet.Column("金额（元）", Spreadsheet.Kind.MONEY, 16),
            new Spreadsheet.Column("凭证号", Spreadsheet.Kind.TEXT, 24),
            new Spreadsheet.Column("状态", Spreadsheet.Kind.TEXT, 8),
            new Spreadsheet.Column("拨付编号", Spreadsheet.Kind.TEXT, 38),
            new Spreadsheet.Column("项目编号", Spreadsheet.Kind.TEXT, 38));

    /** The payments ledger for people; the totals row sums the payments not reversed (what was paid). */
    private void xlsx(DisbursementFigures.Scope scope, HttpServletResponse response) throws IOException {
        Spreadsheet sheet = Spreadsheet.start(response, "拨付台账.xlsx", "拨付台账", SHEET);
        figures.eachEntry(scope, e -> {
            Direction direction = Direction.fromCode(e.direction());
            sheet.row(Arrays.asList(e.at(), e.paidOn(), e.projectName(), e.applicantName(),
                    direction.code() + " " + direction.displayName(), District.valueOf(e.district()).displayName(),
                    FundingSource.valueOf(e.source()).displayName(), e.amount(), e.voucher(),
                    e.reversed() ? "已冲销" : "已拨付", e.disbursementId(), e.applicationId()), !e.reversed());
        });
        sheet.finish("合计（不含已冲销）");
    }

    /** The part of the ledger asked for; a district officer's is their own district, and no other (403). */
    static DisbursementFigures.Scope scope(Instant asOf, String direction, String district) {
        String directionCode = blank(direction) ? null : direction(direction);
        District wanted = blank(district) ? null : district(district);
        Access.requireRole(Role.FINANCE, Role.PROGRAM_MANAGER, Role.AUDITOR, Role.ADMIN, Role.DISTRICT_OFFICER);
        Optional<District> own = Access.ownDistrict();
        if (own.isPresent() && wanted != null && wanted != own.get()) {
            throw new RuleViolation(ErrorCode.FORBIDDEN, new Detail("区级用户只能查看本区的拨付",
                    "a district officer sees only their own district's disbursements"));
        }
        District effective = own.orElse(wanted);
        return new DisbursementFigures.Scope(asOf, directionCode, effective == null ? null : effective.name());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String direction(String code) {
        try {
            return Direction.fromCode(code).code();
        } catch (RuleViolation e) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("未知的支持方向“" + code + "”",
                    "unknown direction '" + code + "'"), "direction");
        }
    }

    private static District district(String code) {
        try {
            return District.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("未知的区“" + code + "”",
                    "unknown district '" + code + "'"), "district");
        }
    }
}
