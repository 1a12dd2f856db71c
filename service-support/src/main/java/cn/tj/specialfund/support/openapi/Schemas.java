package cn.tj.specialfund.support.openapi;

import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.ConstructionStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.ExpenditureCategory;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Material;
import cn.tj.specialfund.coreapi.value.PilotProgramme;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Tier;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The schemas of the ledger's value types, OpenAPI 3.1: money as a JSON number with at most two decimals, and
 * every enumeration with its codes and, for a person, their Chinese names.
 */
final class Schemas {

    static final String MONEY_DESCRIPTION = "人民币元，JSON 数字，最多两位小数（分），不为负；应答中总是两位小数，如 1600000.00";

    private Schemas() {
    }

    static Schema<Object> of(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setSpecVersion(SpecVersion.V31);
        schema.setTypes(Set.of(type));
        return schema;
    }

    static Schema<Object> string() {
        return of("string");
    }

    static Schema<Object> integer() {
        return of("integer");
    }

    static Schema<Object> object() {
        return of("object");
    }

    static Schema<Object> money() {
        Schema<Object> money = of("number");
        money.setMinimum(BigDecimal.ZERO);
        money.setMultipleOf(new BigDecimal("0.01"));
        money.setDescription(MONEY_DESCRIPTION);
        return money;
    }

    /** Decimals that are not amounts (a score, a rate) share the Java type: at most two decimals too. */
    static Schema<Object> decimal() {
        Schema<Object> decimal = of("number");
        decimal.setMultipleOf(new BigDecimal("0.01"));
        decimal.setDescription("十进制数，最多两位小数；金额为人民币元，应答中总是两位小数（如 1600000.00）");
        return decimal;
    }

    /** Each enumeration of the API by its Java type, with the codes as they appear in JSON. */
    static Map<Class<?>, Schema<Object>> enumerations() {
        Map<Class<?>, Schema<Object>> schemas = new LinkedHashMap<>();
        schemas.put(Direction.class, enumeration("支持方向（一、支持方向）", Direction.values(), Direction::code, Direction::displayName));
        schemas.put(District.class, enumeration("区", District.values(), District::name, District::displayName));
        schemas.put(ApplicationStatus.class, enumeration("申报状态", ApplicationStatus.values(), ApplicationStatus::name, ApplicationStatus::displayName));
        schemas.put(Tier.class, enumeration("支持档次", Tier.values(), Tier::name, Tier::displayName));
        schemas.put(FundingSource.class, enumeration("资金来源", FundingSource.values(), FundingSource::name, FundingSource::displayName));
        schemas.put(ExpenditureCategory.class, enumeration("支出类别（附件9-1；DIGITAL_PRODUCTION_EQUIPMENT、TEST_INSTRUMENTS、CIVIL_WORKS 计入总投资但不计入合规投资，不得申请专项资金）",
                ExpenditureCategory.values(), ExpenditureCategory::name, ExpenditureCategory::displayName));
        schemas.put(Material.class, enumeration("申报材料", Material.values(), Material::name, Material::displayName));
        schemas.put(Role.class, enumeration("角色", Role.values(), Role::name, Role::displayName));
        schemas.put(PilotProgramme.class, enumeration("工信部试点示范项目类别", PilotProgramme.values(), PilotProgramme::name,
                p -> switch (p) {
                    case INDUSTRIAL_INTERNET_INNOVATION -> "工业互联网创新发展工程";
                    case MANUFACTURING_INTERNET_INTEGRATION -> "制造业与互联网融合发展试点示范";
                    case MANUFACTURING_DOUBLE_INNOVATION_PLATFORM -> "制造业“双创”平台试点示范";
                }));
        schemas.put(ConstructionStatus.class, enumeration("建设状态", ConstructionStatus.values(), ConstructionStatus::name,
                s -> s == ConstructionStatus.COMPLETED ? "已建成" : "在建（建设期不超过 2 年）"));
        return schemas;
    }

    /** The codes of the enumeration a String-typed property named so carries (query answers name codes as text). */
    static Map<String, Class<?>> propertiesNamingEnumerations() {
        return Map.of("direction", Direction.class, "district", District.class, "tier", Tier.class,
                "source", FundingSource.class, "status", ApplicationStatus.class);
    }

    static <E> Schema<Object> enumeration(String title, E[] values, Function<E, String> code, Function<E, String> name) {
        Schema<Object> schema = string();
        schema.setEnum(new ArrayList<>(Arrays.stream(values).map(code).toList()));
        schema.setDescription(title + "：" + Arrays.stream(values).map(v -> code.apply(v) + " " + name.apply(v))
                .collect(Collectors.joining("，")));
        return schema;
    }

    static List<String> codes(Schema<?> enumeration) {
        return enumeration.getEnum().stream().map(String::valueOf).toList();
    }
}
