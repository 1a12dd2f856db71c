package cn.tj.specialfund.support.web;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Problem details are Chinese unless the request's Accept-Language prefers English (contract §4). */
class AcceptLanguageTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "en-GB", "EN-us", "en;q=0.9,zh;q=0.8", "en-US,en;q=0.9,zh-CN;q=0.8",
            "fr,en;q=0.5", "zh;q=0.3,en;q=0.7", "de-DE, en-US;q=0.8, zh-CN;q=0.5"})
    void englishWhenItIsPreferredOverChinese(String header) {
        assertThat(AcceptLanguage.preferred(header)).isEqualTo(Language.EN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh", "zh-CN,en;q=0.5", "zh-TW,zh;q=0.9,en;q=0.8", "fr", "de-DE,ja;q=0.5", "*",
            "*,en;q=0.5", "en;q=0", "en;q=0,fr", "not a header ;;; q=x", "en;q=2"})
    void chineseOtherwise(String header) {
        assertThat(AcceptLanguage.preferred(header)).isEqualTo(Language.ZH);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void chineseWithoutAHeader(String header) {
        assertThat(AcceptLanguage.preferred(header)).isEqualTo(Language.ZH);
    }

    @Test
    void theProblemCarriesTheChosenTextAndTheSameCode() {
        Detail detail = new Detail("区级1:1配套资金承诺为区级审核通过的前提", "district approval requires the 1:1 matching commitment");
        MockHttpServletRequest english = new MockHttpServletRequest();
        english.addHeader("Accept-Language", "en-US,en;q=0.9");
        MockHttpServletRequest none = new MockHttpServletRequest();

        var inEnglish = Problems.of(english, org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
                "MATCHING_NOT_COMMITTED", detail, null);
        var inChinese = Problems.of(none, org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
                "MATCHING_NOT_COMMITTED", detail, null);

        assertThat(inEnglish.getDetail()).isEqualTo("district approval requires the 1:1 matching commitment");
        assertThat(inChinese.getDetail()).isEqualTo("区级1:1配套资金承诺为区级审核通过的前提");
        assertThat(inEnglish.getProperties()).containsEntry("code", "MATCHING_NOT_COMMITTED");
        assertThat(inChinese.getProperties()).containsEntry("code", "MATCHING_NOT_COMMITTED");
    }
}
