package cn.tj.specialfund.coreapi.rules;

import java.util.Objects;

/**
 * A problem's {@code detail} in both languages of the API, written side by side where the refusal is made: Chinese
 * (zh-CN, the default) and English (for a request whose {@code Accept-Language} prefers it). The code of the
 * problem never depends on the language; only this text does.
 */
public record Detail(String zh, String en) {

    public Detail {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public String in(Language language) {
        return language == Language.EN ? en : zh;
    }
}
