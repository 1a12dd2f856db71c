package cn.tj.specialfund.coreapi.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the ledger accepts at its edge (contract §7), in one place: the size of a request body, how many rows
 * a form may carry, the rules every text field obeys and the ranges of the query parameters. The rules of
 * the call itself are {@link ProgramRules}'. These limits apply to requests only, never to events already
 * in the log, which stay readable whatever they hold.
 */
public final class InputLimits {

    /** 256 KiB: a full form with every text at its longest is about 40 KiB. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 9999;

    private InputLimits() {
    }

    /** Text fields of the request bodies: longest length in characters (code points), required, multi-line. */
    public enum Text {
        PROJECT_NAME(200, true, false),
        APPLICANT_NAME(200, true, false),
        REVIEWER(200, true, false),
        BASIS(1_000, true, true),
        COMMENT(1_000, false, true),
        REASON(1_000, false, true),
        REVIEW_REFERENCE(1_000, false, false),
        VOUCHER(1_000, true, false),
        BENEFITS(4_000, true, true);

        private final int maxLength;
        private final boolean required;
        private final boolean multiLine;

        Text(int maxLength, boolean required, boolean multiLine) {
            this.maxLength = maxLength;
            this.required = required;
            this.multiLine = multiLine;
        }

        public int maxLength() {
            return maxLength;
        }

        public boolean required() {
            return required;
        }

        public boolean multiLine() {
            return multiLine;
        }

        /**
         * @param pointer where the value sits in the body, e.g. {@code /expenditures/2/basis}
         * @return the value, unchanged
         * @throws RuleViolation INVALID_FIELD naming {@code pointer}
         */
        public String check(String pointer, String value) {
            if (value == null) {
                if (required) {
                    throw invalid(pointer, pointer + " 为必填项", pointer + " is required");
                }
                return null;
            }
            boolean onlySpace = true;
            int length = 0;
            for (int i = 0; i < value.length(); length++) {
                char c = value.charAt(i);
                if (Character.isLowSurrogate(c)
                        || Character.isHighSurrogate(c) && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))) {
                    throw invalid(pointer, pointer + " 含有不成对的代理码元 " + hex(c) + "（不是有效的 Unicode 字符）",
                            pointer + " contains an unpaired surrogate " + hex(c) + " (not a valid Unicode character)");
                }
                int codePoint = value.codePointAt(i);
                if (isControl(codePoint) && !(multiLine && isLineBreakOrTab(codePoint))) {
                    throw invalid(pointer, pointer + " 含有不允许的控制字符 " + hex(codePoint)
                                    + (multiLine ? "（只允许换行、回车和制表符）" : "（单行字段不允许任何控制字符）"),
                            pointer + " contains the control character " + hex(codePoint)
                                    + (multiLine ? " (only line feed, carriage return and tab are allowed)"
                                    : " (a single-line field allows no control characters)"));
                }
                if (codePoint == 0xFFFE || codePoint == 0xFFFF) {
                    throw invalid(pointer, pointer + " 含有非字符 " + hex(codePoint), pointer + " contains the noncharacter " + hex(codePoint));
                }
                onlySpace &= Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
                i += Character.charCount(codePoint);
            }
            if (required && onlySpace) {
                throw invalid(pointer, pointer + " 为必填项，至少要有一个非空白字符",
                        pointer + " is required and needs at least one non-space character");
            }
            if (length > maxLength) {
                throw invalid(pointer, pointer + " 最多 " + maxLength + " 个字符，实际 " + length + " 个",
                        pointer + " may have at most " + maxLength + " characters, it has " + length);
            }
            return value;
        }
    }

    /**
     * Arrays of the submission and how many rows they may have (§7): a budget needs one funding row and one
     * expenditure line at least, ten and fifteen at most, and at most seven materials. (The call's own rule of
     * one row of each, §1's 422 BUDGET_INCONSISTENT, still guards a command given without these limits.)
     */
    public enum Rows {
        FUNDING(1, 10),
        EXPENDITURES(1, 15),
        MATERIALS(0, 7);

        private final int min;
        private final int max;

        Rows(int min, int max) {
            this.min = min;
            this.max = max;
        }

        public int min() {
            return min;
        }

        public int max() {
            return max;
        }

        /** @throws RuleViolation INVALID_FIELD naming {@code pointer} when there are fewer or more rows than allowed */
        public void check(String pointer, int rows) {
            if (rows < min) {
                throw invalid(pointer, pointer + " 至少 " + min + " 项，实际 " + rows + " 项",
                        pointer + " needs at least " + min + " row, it has " + rows);
            }
            if (rows > max) {
                throw invalid(pointer, pointer + " 最多 " + max + " 项，实际 " + rows + " 项",
                        pointer + " may have at most " + max + " rows, it has " + rows);
            }
        }
    }

    /** Paging and list-length parameters of the queries, with their defaults. */
    public enum Range {
        PAGE("page", 0, Integer.MAX_VALUE, 0),
        SIZE("size", 1, 200, 50),
        LIMIT("limit", 1, 200, 20),
        ENTRIES_PAGE("entriesPage", 0, Integer.MAX_VALUE, 0),
        ENTRIES_SIZE("entriesSize", 1, 1_000, 100);

        private final String parameter;
        private final int min;
        private final int max;
        private final int defaultValue;

        Range(String parameter, int min, int max, int defaultValue) {
            this.parameter = parameter;
            this.min = min;
            this.max = max;
            this.defaultValue = defaultValue;
        }

        public String parameter() {
            return parameter;
        }

        public int min() {
            return min;
        }

        public int max() {
            return max;
        }

        public int defaultValue() {
            return defaultValue;
        }

        /** @return the value, or the default when the parameter was not given */
        public int check(Integer value) {
            if (value == null) {
                return defaultValue;
            }
            if (value < min || value > max) {
                throw max == Integer.MAX_VALUE
                        ? invalid(parameter, "参数 " + parameter + " 须不小于 " + min + "，实际为 " + value,
                        "parameter " + parameter + " must be at least " + min + ", it is " + value)
                        : invalid(parameter, "参数 " + parameter + " 须在 " + min + " 到 " + max + " 之间，实际为 " + value,
                        "parameter " + parameter + " must be between " + min + " and " + max + ", it is " + value);
            }
            return value;
        }
    }

    /**
     * An instant of a query: ISO-8601 with an offset ({@code 2020-10-01T00:00:00Z}, {@code …+08:00}) and a year
     * from 1970 to 9999 as written. Null or blank means none was given.
     *
     * @throws RuleViolation INVALID_FIELD naming {@code parameter}
     */
    public static Instant instant(String parameter, String value) {
        try {
            return instant(value);
        } catch (RuleViolation e) {
            throw invalid(parameter, "参数 " + parameter + " " + e.detail().zh(), "parameter " + parameter + " " + e.detail().en());
        }
    }

    /** {@link #instant(String, String)} for a parser that does not know the parameter's name (no field). */
    public static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            parsed = null;
        }
        if (parsed == null || parsed.getYear() < FIRST_YEAR || parsed.getYear() > LAST_YEAR) {
            throw invalid(null, "须为带时区偏移的 ISO-8601 时刻，年份在 " + FIRST_YEAR + " 到 " + LAST_YEAR
                            + " 之间，例如 2020-10-01T00:00:00Z 或 2020-10-01T08:00:00+08:00",
                    "must be an ISO-8601 instant with an offset and a year from " + FIRST_YEAR + " to " + LAST_YEAR
                            + ", e.g. 2020-10-01T00:00:00Z or 2020-10-01T08:00:00+08:00");
        }
        return parsed.toInstant();
    }

    private static boolean isControl(int codePoint) {
        return codePoint <= 0x1F || codePoint >= 0x7F && codePoint <= 0x9F;
    }

    private static boolean isLineBreakOrTab(int codePoint) {
        return codePoint == '\n' || codePoint == '\r' || codePoint == '\t';
    }

    private static String hex(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }

    private static RuleViolation invalid(String field, String zh, String en) {
        return new RuleViolation(ErrorCode.INVALID_FIELD, new Detail(zh, en), field);
    }
}
