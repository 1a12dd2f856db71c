package cn.tj.specialfund.query.web;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

import java.util.Locale;

/**
 * The form a list is answered in: JSON, or for people a CSV or an Excel workbook, asked for by
 * {@code Accept: text/csv} / {@code Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet}
 * or by the parameter {@code format=csv|xlsx|json} (for a plain link in a browser; it wins over Accept).
 */
public enum Export {
    JSON, CSV, XLSX;

    public static Export of(String accept, String format) {
        if (format != null && !format.isBlank()) {
            try {
                return valueOf(format.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail(
                        "参数 format 须为 json、csv 或 xlsx，实际为“" + format + "”",
                        "format must be json, csv or xlsx, not '" + format + "'"), "format");
            }
        }
        if (Spreadsheet.wanted(accept)) {
            return XLSX;
        }
        return Csv.wanted(accept) ? CSV : JSON;
    }
}
