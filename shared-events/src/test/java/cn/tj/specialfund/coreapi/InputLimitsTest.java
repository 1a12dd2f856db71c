package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.coreapi.rules.InputLimits.Range;
import cn.tj.specialfund.coreapi.rules.InputLimits.Rows;
import cn.tj.specialfund.coreapi.rules.InputLimits.Text;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract §7: each text rule, each row limit, each query parameter range, at and beyond its bound. */
class InputLimitsTest {

    @Test
    void theLengthsAndRolesOfTheFieldsAreThoseOfTheContract() {
        assertThat(Text.PROJECT_NAME.maxLength()).isEqualTo(200);
        assertThat(Text.APPLICANT_NAME.maxLength()).isEqualTo(200);
        assertThat(Text.REVIEWER.maxLength()).isEqualTo(200);
        for (Text text : new Text[]{Text.BASIS, Text.COMMENT, Text.REASON, Text.REVIEW_REFERENCE, Text.VOUCHER}) {
            assertThat(text.maxLength()).as(text.name()).isEqualTo(1_000);
        }
        assertThat(Text.BENEFITS.maxLength()).isEqualTo(4_000);
        assertThat(java.util.Arrays.stream(Text.values()).filter(Text::required))
                .containsExactlyInAnyOrder(Text.PROJECT_NAME, Text.APPLICANT_NAME, Text.BASIS, Text.BENEFITS,
                        Text.REVIEWER, Text.VOUCHER);
        assertThat(java.util.Arrays.stream(Text.values()).filter(Text::multiLine))
                .containsExactlyInAnyOrder(Text.BASIS, Text.BENEFITS, Text.COMMENT, Text.REASON);
        assertThat(InputLimits.MAX_BODY_BYTES).isEqualTo(262_144);
    }

    @Test
    void textUpToItsLengthInCharactersIsAccepted() {
        assertThat(Text.PROJECT_NAME.check("/projectName", "智".repeat(200))).hasSize(200);
        // a character outside the BMP is one character, two UTF-16 units
        String emoji = "\uD83C\uDFED";
        assertThat(Text.PROJECT_NAME.check("/projectName", emoji.repeat(200))).hasSize(400);
        refused(() -> Text.PROJECT_NAME.check("/projectName", "智".repeat(201)), "/projectName");
        refused(() -> Text.BENEFITS.check("/benefits", "a".repeat(4_001)), "/benefits");
        assertThat(Text.BENEFITS.check("/benefits", "a".repeat(4_000))).hasSize(4_000);
    }

    @Test
    void requiredTextNeedsACharacterThatIsNotSpace() {
        for (String blank : new String[]{"", " ", "\u3000", "\u00A0 "}) {
            refused(() -> Text.APPLICANT_NAME.check("/applicant/name", blank), "/applicant/name");
        }
        refused(() -> Text.BASIS.check("/expenditures/0/basis", "\n\t "), "/expenditures/0/basis");
        refused(() -> Text.REVIEWER.check("/reviewer", null), "/reviewer");
        assertThat(Text.COMMENT.check("/comment", null)).isNull();
        assertThat(Text.COMMENT.check("/comment", "")).isEmpty();
        assertThat(Text.APPLICANT_NAME.check("/applicant/name", " 天津某某科技有限公司 ")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x1B, 0x1F, 0x7F, 0x85, 0x9F})
    void controlCharactersAreRefusedEverywhere(int control) {
        String text = "a" + (char) control + "b";
        refused(() -> Text.PROJECT_NAME.check("/projectName", text), "/projectName");
        refused(() -> Text.BENEFITS.check("/benefits", text), "/benefits");
        refused(() -> Text.COMMENT.check("/comment", text), "/comment");
    }

    @Test
    void lineBreaksAndTabsOnlyInMultiLineFields() {
        String lines = "第一行\r\n第二行\t末尾\n";
        for (Text multiLine : new Text[]{Text.BASIS, Text.BENEFITS, Text.COMMENT, Text.REASON}) {
            assertThat(multiLine.check("/x", lines)).isEqualTo(lines);
        }
        for (Text singleLine : new Text[]{Text.PROJECT_NAME, Text.APPLICANT_NAME, Text.REVIEWER,
                Text.REVIEW_REFERENCE, Text.VOUCHER}) {
            for (String separator : new String[]{"\n", "\r", "\t"}) {
                refused(() -> singleLine.check("/x", "a" + separator + "b"), "/x");
            }
        }
    }

    @Test
    void unpairedSurrogatesAndNonCharactersAreRefused() {
        refused(() -> Text.PROJECT_NAME.check("/projectName", "a\uD800b"), "/projectName");
        refused(() -> Text.PROJECT_NAME.check("/projectName", "a\uDC00"), "/projectName");
        refused(() -> Text.PROJECT_NAME.check("/projectName", "a\uD800"), "/projectName");
        refused(() -> Text.PROJECT_NAME.check("/projectName", "\uDFED\uD83C"), "/projectName");
        refused(() -> Text.BASIS.check("/expenditures/2/basis", "a\uFFFF"), "/expenditures/2/basis");
        refused(() -> Text.BASIS.check("/expenditures/2/basis", "\uFFFEa"), "/expenditures/2/basis");
        assertThat(Text.PROJECT_NAME.check("/projectName", "\uD83C\uDFED 工厂 \uFFFD")).isNotNull();
    }

    @Test
    void rowsUpToTheirLimit() {
        Rows.FUNDING.check("/funding", 10);
        Rows.EXPENDITURES.check("/expenditures", 15);
        Rows.MATERIALS.check("/materials", 7);
        refused(() -> Rows.FUNDING.check("/funding", 11), "/funding");
        refused(() -> Rows.EXPENDITURES.check("/expenditures", 16), "/expenditures");
        refused(() -> Rows.MATERIALS.check("/materials", 8), "/materials");
    }

    @Test
    void aBudgetHasOneFundingRowAndOneExpenditureLineAtLeast() {
        Rows.FUNDING.check("/funding", 1);
        Rows.EXPENDITURES.check("/expenditures", 1);
        Rows.MATERIALS.check("/materials", 0);
        refused(() -> Rows.FUNDING.check("/funding", 0), "/funding");
        refused(() -> Rows.EXPENDITURES.check("/expenditures", 0), "/expenditures");
    }

    @Test
    void pagingParametersWithinTheirRanges() {
        assertThat(Range.PAGE.check(null)).isZero();
        assertThat(Range.SIZE.check(null)).isEqualTo(50);
        assertThat(Range.LIMIT.check(null)).isEqualTo(20);
        assertThat(Range.ENTRIES_SIZE.check(null)).isEqualTo(100);
        assertThat(Range.SIZE.check(200)).isEqualTo(200);
        assertThat(Range.ENTRIES_SIZE.check(1_000)).isEqualTo(1_000);
        refused(() -> Range.PAGE.check(-1), "page");
        refused(() -> Range.SIZE.check(0), "size");
        refused(() -> Range.SIZE.check(201), "size");
        refused(() -> Range.LIMIT.check(0), "limit");
        refused(() -> Range.LIMIT.check(201), "limit");
        refused(() -> Range.ENTRIES_PAGE.check(-1), "entriesPage");
        refused(() -> Range.ENTRIES_SIZE.check(1_001), "entriesSize");
    }

    @Test
    void instantsCarryAnOffsetAndAYearFrom1970To9999() {
        assertThat(InputLimits.instant("asOf", "2020-10-01T00:00:00Z")).isEqualTo(Instant.parse("2020-10-01T00:00:00Z"));
        assertThat(InputLimits.instant("asOf", "2020-10-01T08:00:00+08:00")).isEqualTo(Instant.parse("2020-10-01T00:00:00Z"));
        assertThat(InputLimits.instant("at", "9999-12-31T23:59:59.999Z")).isNotNull();
        assertThat(InputLimits.instant("asOf", "1970-01-01T00:00:00Z")).isEqualTo(Instant.EPOCH);
        assertThat(InputLimits.instant("asOf", null)).isNull();
        assertThat(InputLimits.instant("asOf", "")).isNull();
        for (String bad : new String[]{"+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2020-10-01T00:00:00", "2020-10-01",
                "yesterday", "1601510400", "2020-13-01T00:00:00Z"}) {
            refused(() -> InputLimits.instant("asOf", bad), "asOf");
        }
    }

    private static void refused(ThrowingCallable check, String field) {
        assertThatThrownBy(check).isInstanceOfSatisfying(RuleViolation.class, violation -> {
            assertThat(violation.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.getMessage()).isNotBlank();
        });
    }
}
