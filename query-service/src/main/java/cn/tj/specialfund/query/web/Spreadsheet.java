package cn.tj.specialfund.query.web;

import cn.tj.specialfund.coreapi.rules.ProgramRules;
import jakarta.servlet.http.HttpServletResponse;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A list exported for people as one Excel sheet (FastExcel, streamed: rows go to the response as they are written,
 * so a long ledger never sits in memory): a bold header row of Chinese column names, one row per line, and a
 * totals row. Amounts are numeric cells in yuan with two decimals (format {@code 0.00}), instants Beijing
 * date-times, dates dates.
 */
public final class Spreadsheet {

    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final String MONEY_FORMAT = "0.00";
    private static final String TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final int FLUSH_EVERY = 1_000;

    /** How a column's cells are written. */
    public enum Kind { TEXT, MONEY, TIME, DATE }

    public record Column(String header, Kind kind, double width) {
    }

    private final Workbook workbook;
    private final Worksheet sheet;
    private final List<Column> columns;
    private final BigDecimal[] totals;
    private int row;

    private Spreadsheet(Workbook workbook, Worksheet sheet, List<Column> columns) {
        this.workbook = workbook;
        this.sheet = sheet;
        this.columns = columns;
        this.totals = new BigDecimal[columns.size()];
    }

    public static boolean wanted(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(XLSX.getSubtype());
    }

    /** Starts the answer: headers, then the workbook streamed into the response body. */
    public static Spreadsheet start(HttpServletResponse response, String filename, String sheetName,
                                    List<Column> columns) throws IOException {
        response.setContentType(XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename
                + "\"; filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8));
        Workbook workbook = new Workbook(response.getOutputStream(), "SpecialFundLedger", "1.0");
        Worksheet sheet = workbook.newWorksheet(sheetName);
        Spreadsheet spreadsheet = new Spreadsheet(workbook, sheet, columns);
        for (int c = 0; c < columns.size(); c++) {
            sheet.value(0, c, columns.get(c).header());
            sheet.style(0, c).bold().set();
            sheet.width(c, columns.get(c).width());
        }
        sheet.freezePane(0, 1);
        spreadsheet.row = 1;
        return spreadsheet;
    }

    /** One line; its amounts count in the totals row if {@code inTotals}. Called from row callbacks, so unchecked. */
    public void row(List<?> cells, boolean inTotals) {
        for (int c = 0; c < columns.size(); c++) {
            Object value = cells.get(c);
            if (value == null) {
                continue;
            }
            switch (columns.get(c).kind()) {
                case MONEY -> {
                    BigDecimal amount = ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY);
                    money(c, amount);
                    if (inTotals) {
                        totals[c] = totals[c] == null ? amount : totals[c].add(amount);
                    }
                }
                case TIME -> {
                    sheet.value(row, c, ((Instant) value).atZone(ProgramRules.CALL_ZONE).toLocalDateTime());
                    sheet.style(row, c).format(TIME_FORMAT).set();
                }
                case DATE -> {
                    sheet.value(row, c, (LocalDate) value);
                    sheet.style(row, c).format(DATE_FORMAT).set();
                }
                case TEXT -> sheet.value(row, c, value.toString());
            }
        }
        if (++row % FLUSH_EVERY == 0) {
            try {
                sheet.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The totals row ({@code label} in the first column, each amount column's sum) and the end of the workbook. */
    public void finish(String label) throws IOException {
        sheet.value(row, 0, label);
        sheet.style(row, 0).bold().set();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).kind() == Kind.MONEY) {
                money(c, totals[c] == null ? BigDecimal.ZERO.setScale(2) : totals[c]);
                sheet.style(row, c).format(MONEY_FORMAT).bold().set();
            }
        }
        workbook.finish();
    }

    private void money(int column, BigDecimal amount) {
        sheet.value(row, column, amount);
        sheet.style(row, column).format(MONEY_FORMAT).set();
    }
}
