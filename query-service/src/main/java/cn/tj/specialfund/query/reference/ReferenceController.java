package cn.tj.specialfund.query.reference;

import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.ConstructionStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.ExpenditureCategory;
import cn.tj.specialfund.coreapi.value.Material;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.PilotProgramme;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Tier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** GET /api/reference: the call's reference data (contract §6), straight from the enums and ProgramRules. */
@RestController
class ReferenceController {

    private final ProgramRules rules = ProgramRules.CALL_2020;

    record DirectionRef(String code, String name, Integer cap, boolean industrialInternet) {
    }

    record DistrictRef(String code, String name) {
    }

    record CategoryRef(String code, boolean excluded, String name) {
    }

    record MaterialRef(String code, boolean requiredAlways, boolean requiredWhenCompleted, String name) {
    }

    record TierRef(String code, BigDecimal rate, Money cap, String name) {
    }

    record RoleRef(String code, String name) {
    }

    record Reference(List<DirectionRef> directions, List<DistrictRef> districts,
                     List<CategoryRef> expenditureCategories, List<MaterialRef> materials, List<TierRef> tiers,
                     List<String> pilotProgrammes, List<String> constructionStatuses, List<String> statuses,
                     List<RoleRef> roles) {
    }

    @GetMapping("/api/reference")
    Reference reference() {
        Set<Material> always = rules.requiredMaterials(ConstructionStatus.IN_CONSTRUCTION);
        Set<Material> completed = rules.requiredMaterials(ConstructionStatus.COMPLETED);
        return new Reference(
                Arrays.stream(Direction.values()).map(d -> new DirectionRef(d.code(), d.displayName(),
                        rules.capOf(d).orElse(null), d.isIndustrialInternet())).toList(),
                Arrays.stream(District.values()).map(d -> new DistrictRef(d.name(), d.displayName())).toList(),
                Arrays.stream(ExpenditureCategory.values())
                        .map(c -> new CategoryRef(c.name(), c.isExcludedFromSupport(), c.displayName())).toList(),
                Arrays.stream(Material.values()).map(m -> new MaterialRef(m.name(), always.contains(m),
                        completed.contains(m), m.displayName())).toList(),
                Arrays.stream(Tier.values())
                        .map(t -> new TierRef(t.name(), rules.rate(t), rules.cap(t), t.displayName())).toList(),
                names(PilotProgramme.values()), names(ConstructionStatus.values()), names(ApplicationStatus.values()),
                Arrays.stream(Role.values()).map(r -> new RoleRef(r.name(), r.displayName())).toList());
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
