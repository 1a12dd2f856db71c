package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The 18-character unified social credit code of GB 32100-2015. Both check characters are verified:
 * the organisation code's own (position 17, GB 11714) and the code's overall one (position 18).
 */
public record CreditCode(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CODE_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORGANISATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    public CreditCode {
        if (value == null) {
            throw invalid("统一社会信用代码为必填项", "credit code is required");
        }
        value = value.trim().toUpperCase(Locale.ROOT);
        if (value.length() != 18) {
            throw invalid("统一社会信用代码须为 18 位", "credit code must have 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                throw invalid("统一社会信用代码含有无效字符“" + value.charAt(i) + "”",
                        "credit code has an invalid character '" + value.charAt(i) + "'");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(value.charAt(i))) {
                throw invalid("统一社会信用代码第 3–8 位须为登记管理机关行政区划码",
                        "credit code positions 3-8 must be an administrative division code");
            }
        }
        if (value.charAt(16) != organisationCheck(value.substring(8, 16))) {
            throw invalid("统一社会信用代码第 17 位（组织机构代码校验码）校验不通过",
                    "credit code fails the organisation code check (position 17)");
        }
        if (value.charAt(17) != codeCheck(value.substring(0, 17))) {
            throw invalid("统一社会信用代码第 18 位校验码校验不通过",
                    "credit code fails the check character (position 18)");
        }
    }

    @JsonCreator
    public static CreditCode of(String value) {
        return new CreditCode(value);
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** Check character of GB 32100-2015 for the first 17 characters. */
    public static char codeCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * CODE_WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** Check character of GB 11714-1997 for an 8-character organisation code body. */
    public static char organisationCheck(String body) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * ORGANISATION_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** Builds a valid code from its first 16 characters (registration authority, type, division, organisation body). */
    public static CreditCode complete(String first16) {
        String first17 = first16 + organisationCheck(first16.substring(8, 16));
        return new CreditCode(first17 + codeCheck(first17));
    }

    private static RuleViolation invalid(String zh, String en) {
        return new RuleViolation(ErrorCode.INVALID_CREDIT_CODE, new Detail(zh, en));
    }

    @Override
    public String toString() {
        return value;
    }
}
