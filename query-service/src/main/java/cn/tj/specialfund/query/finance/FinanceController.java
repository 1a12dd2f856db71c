package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.web.Access;
import cn.tj.specialfund.query.web.Csv;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The money the call has committed, from the commitments ledger, now or as it stood at an instant
 * (FINANCE, PROGRAM_MANAGER, AUDITOR, ADMIN).
 */
@RestController
@RequestMapping("/api/finance")
@Transactional(readOnly = true)
class FinanceController {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY);

    private final CommitmentRepository ledger;

    FinanceController(CommitmentRepository ledger) {
        this.ledger = ledger;
    }

    record Entry(String applicationId, String kind, String direction, String district, String tier, BigDecimal amount,
                 BigDecimal municipalShare, BigDecimal districtShare, Instant at) {
    }

    record ByDirection(String code, BigDecimal amount) {
    }

    record ByDistrict(String code, BigDecimal amount, BigDecimal municipal, BigDecimal district) {
    }

    record Commitments(Instant asOf, BigDecimal totalCommitted, BigDecimal municipal, BigDecimal district,
                       List<ByDirection> byDirection, List<ByDistrict> byDistrict, Map<String, BigDecimal> byTier,
                       List<Entry> entries) {
    }

    @GetMapping("/commitments")
    ResponseEntity<?> commitments(@RequestParam(required = false) Instant asOf,
                                  @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Access.requireRole(Role.FINANCE, Role.PROGRAM_MANAGER, Role.AUDITOR, Role.ADMIN);
        List<CommitmentEntity> rows = asOf == null ? ledger.findAllInOrder() : ledger.findUpTo(asOf);
        List<Entry> entries = rows.stream().map(r -> new Entry(r.applicationId, r.kind, r.direction, r.district,
                r.tier, money(r.amount), money(r.municipalShare), money(r.districtShare), r.committedAt)).toList();
        if (Csv.wanted(accept)) {
            return csv(entries);
        }
        return ResponseEntity.ok(summarise(asOf == null ? Instant.now() : asOf, entries));
    }

    private static Commitments summarise(Instant asOf, List<Entry> entries) {
        BigDecimal total = ZERO;
        BigDecimal municipal = ZERO;
        BigDecimal district = ZERO;
        Map<String, BigDecimal> byDirection = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            byDirection.put(d.code(), ZERO);
        }
        Map<String, BigDecimal[]> byDistrict = new LinkedHashMap<>();
        for (District d : District.values()) {
            byDistrict.put(d.name(), new BigDecimal[]{ZERO, ZERO, ZERO});
        }
        Map<String, BigDecimal> byTier = new LinkedHashMap<>();
        for (Tier t : Tier.values()) {
            byTier.put(t.name(), ZERO);
        }
        for (Entry e : entries) {
            total = total.add(e.amount());
            municipal = municipal.add(e.municipalShare());
            district = district.add(e.districtShare());
            byDirection.merge(e.direction(), e.amount(), BigDecimal::add);
            BigDecimal[] sums = byDistrict.get(e.district());
            sums[0] = sums[0].add(e.amount());
            sums[1] = sums[1].add(e.municipalShare());
            sums[2] = sums[2].add(e.districtShare());
            byTier.merge(e.tier(), e.amount(), BigDecimal::add);
        }
        List<ByDirection> directions = new ArrayList<>();
        byDirection.forEach((code, amount) -> directions.add(new ByDirection(code, amount)));
        List<ByDistrict> districts = new ArrayList<>();
        byDistrict.forEach((code, sums) -> districts.add(new ByDistrict(code, sums[0], sums[1], sums[2])));
        return new Commitments(asOf, total, municipal, district, directions, districts, byTier, entries);
    }

    private static ResponseEntity<String> csv(List<Entry> entries) {
        List<List<Object>> rows = entries.stream().map(e -> List.<Object>of(e.applicationId(), e.kind(),
                e.direction(), e.district(), e.tier(), e.amount(), e.municipalShare(), e.districtShare(),
                e.at().toString())).toList();
        return Csv.response("commitments.csv", List.of("applicationId", "kind", "direction", "district", "tier",
                "amount", "municipalShare", "districtShare", "at"), rows);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
