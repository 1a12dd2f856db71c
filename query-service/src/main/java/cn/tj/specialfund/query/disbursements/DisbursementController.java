package cn.tj.specialfund.query.disbursements;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.query.web.Access;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GET /api/finance/disbursements (§8): committed, paid and outstanding, per source, district and direction, the
 * overdue matching funds and a page of the payments ledger, now or as of an instant, within a direction and a
 * district if asked (FINANCE, PROGRAM_MANAGER, AUDITOR, ADMIN; a district officer within their own district).
 * The figures and the page are read in one REPEATABLE READ transaction, so they agree with one another.
 */
@RestController
@RequestMapping("/api/finance")
class DisbursementController {

    static final int DEFAULT_ENTRIES_SIZE = 100;
    static final int MAX_ENTRIES_SIZE = 1_000;

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
                                       @RequestParam(required = false) Integer entriesSize) {
        int page = entriesPage == null ? 0 : entriesPage;
        int size = entriesSize == null ? DEFAULT_ENTRIES_SIZE : entriesSize;
        if (page < 0) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, "entriesPage must be 0 or more");
        }
        if (size < 1 || size > MAX_ENTRIES_SIZE) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, "entriesSize must be between 1 and " + MAX_ENTRIES_SIZE);
        }
        DisbursementFigures.Scope scope = scope(asOf, direction, district);
        DisbursementFigures.Totals totals = figures.totals(scope);
        return new Disbursements(asOf == null ? Instant.now() : asOf, totals.committed(), totals.paid(),
                totals.outstanding(), totals.municipal(), totals.district(), totals.byDistrict(),
                totals.byDirection(), figures.entryCount(scope),
                figures.entries(scope, page, size).stream().map(Entry::of).toList());
    }

    /** The part of the ledger asked for; a district officer's is their own district, and no other (403). */
    static DisbursementFigures.Scope scope(Instant asOf, String direction, String district) {
        String directionCode = blank(direction) ? null : Direction.fromCode(direction).code();
        District wanted = blank(district) ? null : district(district);
        Access.requireRole(Role.FINANCE, Role.PROGRAM_MANAGER, Role.AUDITOR, Role.ADMIN, Role.DISTRICT_OFFICER);
        Optional<District> own = Access.ownDistrict();
        if (own.isPresent() && wanted != null && wanted != own.get()) {
            throw new RuleViolation(ErrorCode.FORBIDDEN, "a district officer sees only their own district");
        }
        District effective = own.orElse(wanted);
        return new DisbursementFigures.Scope(asOf, directionCode, effective == null ? null : effective.name());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static District district(String code) {
        try {
            return District.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, "unknown district '" + code + "'");
        }
    }
}
