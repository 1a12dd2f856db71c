package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The twelve sub-directions of the call (一、支持方向), in code order. Caps live in ProgramRules. */
public enum Direction {
    D1_1("1.1", "关键领域信息技术集成应用示范"),
    D1_2("1.2", "新一代信息技术创新应用示范"),
    D1_3("1.3", "互联网制造新模式示范"),
    D1_4("1.4", "工业大数据应用示范"),
    D1_5("1.5", "工业电子商务平台示范"),
    D1_6("1.6", "制造业互联网“双创”平台示范"),
    D1_7("1.7", "信息安全集成创新应用示范"),
    D2_1("2.1", "“双跨”工业互联网平台建设"),
    D2_2("2.2", "行业或区域工业互联网平台建设"),
    D2_3("2.3", "企业级工业互联网平台建设"),
    D2_4("2.4", "工业互联网安全平台建设"),
    D2_5("2.5", "工业互联网平台试验测试环境和测试床建设");

    private final String code;
    private final String displayName;

    Direction(String code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    /** Directions 2.x are the industrial-internet ones that report 附件9-1 indicators. */
    public boolean isIndustrialInternet() {
        return code.startsWith("2.");
    }

    @JsonCreator
    public static Direction fromCode(String code) {
        return Arrays.stream(values())
                .filter(d -> d.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("未知的支持方向“" + code + "”",
                        "unknown direction '" + code + "'")));
    }
}
