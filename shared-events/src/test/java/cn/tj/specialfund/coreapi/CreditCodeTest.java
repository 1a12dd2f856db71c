package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.CreditCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GB 32100-2015: both check characters (organisation code, position 17; the whole code, position 18). */
class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91120116050123455B", "91110000600037341L", "914403001922038216", "9144030071526726XG", "91330100799655058B"})
    void acceptsValidCodes(String code) {
        assertThat(CreditCode.of(code).value()).isEqualTo(code);
    }

    @Test
    void normalisesCaseAndSurroundingSpace() {
        assertThat(CreditCode.of(" 91120116050123455b ").value()).isEqualTo("91120116050123455B");
    }

    @Test
    void rejectsAWrongFinalCheckCharacter() {
        assertInvalid("91120116050123455C");
    }

    @Test
    void rejectsAWrongOrganisationCheckCharacter() {
        // Position 17 changed and position 18 recomputed: only the GB 11714 check catches it.
        String first17 = "9112011605012345" + "6";
        assertInvalid(first17 + CreditCode.codeCheck(first17));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91120116050123455", "91120116050123455BB", "9112011605012345IB", "91A20116050123455B"})
    void rejectsMalformedCodes(String code) {
        assertInvalid(code);
    }

    @Test
    void completesAValidCodeFromItsFirstSixteenCharacters() {
        assertThat(CreditCode.complete("9112011605012345").value()).isEqualTo("91120116050123455B");
    }

    private static void assertInvalid(String code) {
        assertThatThrownBy(() -> CreditCode.of(code))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.code()).isEqualTo(ErrorCode.INVALID_CREDIT_CODE));
    }
}
