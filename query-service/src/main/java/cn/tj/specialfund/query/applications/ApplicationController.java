package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.coreapi.rules.InputLimits.Text;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.query.applicationstate.ApplicationState;
import cn.tj.specialfund.query.web.Access;
import cn.tj.specialfund.query.web.Csv;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** GET /api/applications[/{id}]: any authenticated user; a district officer only within their district. */
@RestController
@RequestMapping("/api/applications")
@Transactional(readOnly = true)
class ApplicationController {

    private final ApplicationRows applications;

    ApplicationController(ApplicationRows applications) {
        this.applications = applications;
    }

    @GetMapping("/{id}")
    ApplicationView one(@PathVariable UUID id) {
        ApplicationState state = applications.find(id.toString())
                .orElseThrow(() -> unknownApplication(id));
        Access.requireDistrictVisible(state.district());
        return ApplicationView.of(state);
    }

    /** JSON {"items","total"}, or with {@code Accept: text/csv} every matching application (or the page asked for). */
    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String direction,
                           @RequestParam(required = false) String district,
                           @RequestParam(required = false) String status,
                           @RequestParam(required = false) String q,
                           @RequestParam(required = false) String submittedFrom,
                           @RequestParam(required = false) String submittedTo,
                           @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) Integer size,
                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ApplicationRows.Filter filter = filter(direction, district, status, q,
                InputLimits.instant("submittedFrom", submittedFrom), InputLimits.instant("submittedTo", submittedTo));
        boolean csv = Csv.wanted(accept);
        if (csv && page == null && size == null) {
            List<ApplicationView> all = new ArrayList<>();
            applications.each(filter, state -> all.add(ApplicationView.of(state)));
            return csv(all);
        }
        int p = InputLimits.Range.PAGE.check(page);
        int s = InputLimits.Range.SIZE.check(size);
        ApplicationRows.ApplicationPageRows found = applications.page(filter, p, s);
        List<ApplicationView> items = found.rows().stream().map(ApplicationView::of).toList();
        return csv ? csv(items) : ResponseEntity.ok(new ApplicationPage(items, found.total()));
    }

    private static ApplicationRows.Filter filter(String direction, String district, String status, String q,
                                                 Instant submittedFrom, Instant submittedTo) {
        String directionCode = blank(direction) == null ? null : Direction.fromCode(direction).code();
        District wanted = blank(district) == null ? null : parse(District.class, "district", district);
        String statusName = blank(status) == null ? null : parse(ApplicationStatus.class, "status", status).name();
        Optional<District> own = Access.ownDistrict();
        if (own.isPresent() && wanted != null && wanted != own.get()) {
            throw new RuleViolation(ErrorCode.FORBIDDEN, Access.OTHER_DISTRICT);
        }
        District effective = own.orElse(wanted);
        String text = blank(q) == null ? null : Text.PROJECT_NAME.check("q", q.strip());
        return new ApplicationRows.Filter(directionCode, effective == null ? null : effective.name(), statusName,
                text, text == null ? Set.of() : districtsNamed(text), submittedFrom, submittedTo);
    }

    /** The districts whose code or Chinese name the search text names, e.g. 西青 or xiqing for XIQING. */
    private static Set<String> districtsNamed(String text) {
        Set<String> named = new LinkedHashSet<>();
        for (District d : District.values()) {
            if (d.displayName().contains(text) || d.name().equalsIgnoreCase(text)) {
                named.add(d.name());
            }
        }
        return named;
    }

    private static ResponseEntity<String> csv(List<ApplicationView> items) {
        List<List<Object>> rows = items.stream().map(a -> {
            List<Object> row = new ArrayList<>();
            row.add(a.id());
            row.add(a.projectName());
            row.add(a.applicantName());
            row.add(a.direction().code());
            row.add(a.district());
            row.add(a.creditCode());
            row.add(a.status());
            row.add(a.tier());
            row.add(a.score());
            row.add(a.eligibleInvestment());
            row.add(a.requestedSpecialFunds());
            row.add(a.awardedAmount());
            row.add(a.topUpAmount());
            row.add(a.totalSupport());
            row.add(a.municipalShare());
            row.add(a.districtShare());
            row.add(a.submittedAt());
            return row;
        }).toList();
        return Csv.response("applications.csv", List.of("id", "projectName", "applicantName", "direction",
                "district", "creditCode", "status", "tier", "score", "eligibleInvestment", "requestedSpecialFunds",
                "awardedAmount", "topUpAmount", "totalSupport", "municipalShare", "districtShare", "submittedAt"), rows);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("参数 " + field + " 的值“" + value + "”无效",
                    "unknown " + field + " '" + value + "'"), field);
        }
    }

    static RuleViolation unknownApplication(UUID id) {
        return new RuleViolation(ErrorCode.NOT_FOUND, new Detail("申报项目 " + id + " 不存在", "no application " + id));
    }
}
