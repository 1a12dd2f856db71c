package cn.tj.specialfund.support.web;

import cn.tj.specialfund.coreapi.rules.Language;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

import java.util.List;
import java.util.Locale;

/**
 * The language of a problem's {@code detail}: English when the request's {@code Accept-Language} prefers it over
 * Chinese, else Chinese (no header, an unreadable one, or only other languages). Ranges are taken by quality
 * ({@code zh-CN,en;q=0.5} is Chinese, {@code en;q=0.9,zh;q=0.8} English); the first range of either language wins.
 */
public final class AcceptLanguage {

    private AcceptLanguage() {
    }

    public static Language of(HttpServletRequest request) {
        return request == null ? Language.ZH : preferred(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    public static Language preferred(String header) {
        if (header == null || header.isBlank()) {
            return Language.ZH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header); // sorted by quality, highest first
        } catch (IllegalArgumentException unreadable) {
            return Language.ZH;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue; // q=0: "not acceptable"
            }
            String primary = range.getRange().split("-", 2)[0];
            if (primary.equals("en")) {
                return Language.EN;
            }
            if (primary.equals("zh") || primary.equals("*")) {
                return Language.ZH;
            }
        }
        return Language.ZH;
    }
}
