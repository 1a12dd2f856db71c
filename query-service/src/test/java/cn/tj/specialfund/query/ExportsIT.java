package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exports for people: the commitments ledger and the payments ledger as Excel workbooks (opened here with
 * FastExcel's reader) and as CSV with a byte order mark, over the scenario's awards and a few payments.
 */
class ExportsIT {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final IsolatedDatabase database = IsolatedDatabase.create();
    private QueryService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        database.drop();
    }

    @Test
    void bothLedgersAsWorkbooksWithChineseHeadersLabelsTwoDecimalAmountsAndTotalsAndAsCsvWithABom()
            throws IOException {
        service = QueryService.start(database);
        Scenario s = new Scenario(new Ledger().realTime());
        UUID reversed = s.ledger.disburse(s.a, FundingSource.MUNICIPAL, "900000", "2021-01-15", "津财指〔2021〕12号",
                "900000", "0");
        s.ledger.disburse(s.a, FundingSource.DISTRICT, "450000.5", "2021-02-01", "西青财〔2021〕3号", "450000.50",
                "449999.50");
        s.ledger.reverse(s.a, reversed, FundingSource.MUNICIPAL, "900000", "0", "900000");
        s.ledger.disburse(s.f, FundingSource.MUNICIPAL, "123456.79", "2021-03-01", "津财指〔2021〕30号", "123456.79", "0");
        service.appender(database).append(s.ledger.written());
        service.await("finance", "/api/finance/disbursements",
                body -> body.path("entryCount").asLong() == 3 && body.path("entries").get(0).path("reversed").asBoolean());
        service.await("finance", "/api/finance/commitments", body -> body.path("entries").size() == 3
                && !body.path("entries").get(0).path("projectName").isNull());

        QueryService.Download commitments = service.download("finance", "/api/finance/commitments", XLSX);
        assertThat(commitments.status()).isEqualTo(200);
        assertThat(commitments.contentType()).startsWith(XLSX);
        List<Row> rows = sheet(commitments.body());
        assertThat(texts(rows.get(0))).containsExactly("记账时间（北京时间）", "类型", "项目名称", "申报单位", "支持方向",
                "所属区", "支持档次", "金额（元）", "市级承担（元）", "区级配套（元）", "项目编号");
        assertThat(rows).hasSize(5);
        Row firstAward = rows.get(1);
        assertThat(texts(firstAward).subList(1, 7)).containsExactly("奖补", "Alpha MES", "Alpha MES Co., Ltd.",
                "1.1 关键领域信息技术集成应用示范", "西青区", "市级示范");
        assertThat(texts(rows.get(3)).subList(1, 2)).containsExactly("追加奖补");
        assertThat(texts(rows.get(3)).get(6)).isEqualTo("工信部试点示范");
        assertMoney(firstAward.getCell(7), "1200000.00");
        Instant awardedAt = s.ledger.written().stream()
                .filter(e -> e.getPayload() instanceof cn.tj.specialfund.coreapi.ApplicationAwarded).findFirst()
                .orElseThrow().getTimestamp();
        assertThat(firstAward.getCell(0).asDate().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(
                awardedAt.atZone(ProgramRules.CALL_ZONE).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS));
        Row totals = rows.get(4);
        assertThat(totals.getCell(0).asString()).isEqualTo("合计");
        assertMoney(totals.getCell(7), "2046913.57");
        assertMoney(totals.getCell(8), "1023456.79");
        assertMoney(totals.getCell(9), "1023456.78");

        QueryService.Download payments = service.download("auditor", "/api/finance/disbursements?format=xlsx", "*/*");
        assertThat(payments.status()).isEqualTo(200);
        assertThat(payments.contentType()).startsWith(XLSX);
        rows = sheet(payments.body());
        assertThat(texts(rows.get(0))).containsExactly("记账时间（北京时间）", "拨付日期", "项目名称", "申报单位", "支持方向",
                "所属区", "资金来源", "金额（元）", "凭证号", "状态", "拨付编号", "项目编号");
        assertThat(rows).hasSize(5);
        assertThat(texts(rows.get(1)).subList(2, 10)).containsExactly("Alpha MES", "Alpha MES Co., Ltd.",
                "1.1 关键领域信息技术集成应用示范", "西青区", "市级资金", "900000.00", "津财指〔2021〕12号", "已冲销");
        assertThat(texts(rows.get(2)).get(6)).isEqualTo("区级配套资金");
        assertThat(rows.get(2).getCell(1).asDate().toLocalDate()).isEqualTo(java.time.LocalDate.parse("2021-02-01"));
        assertMoney(rows.get(2).getCell(7), "450000.50");
        assertThat(rows.get(4).getCell(0).asString()).isEqualTo("合计（不含已冲销）");
        assertMoney(rows.get(4).getCell(7), "573457.29");

        // a district officer's export holds their district only
        rows = sheet(service.download("district-dongli", "/api/finance/disbursements", XLSX).body());
        assertThat(rows).hasSize(3);
        assertThat(texts(rows.get(1)).get(2)).isEqualTo("Zeta Cloud");
        assertThat(service.download("district-dongli", "/api/finance/disbursements?district=XIQING", XLSX).status())
                .isEqualTo(403);
        assertThat(service.download("reviewer", "/api/finance/commitments", XLSX).status()).isEqualTo(403);
        assertThat(service.get("finance", "/api/finance/disbursements?format=pdf").status()).isEqualTo(400);

        QueryService.Response csv = service.get("finance", "/api/finance/disbursements", "text/csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.text().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("\uFEFFdisbursementId,applicationId,projectName,applicantName,direction,"
                + "district,source,amount,paidOn,voucher,reversed,at");
        assertThat(lines[1]).startsWith(reversed + "," + s.a + ",Alpha MES,\"Alpha MES Co., Ltd.\",1.1,XIQING,"
                + "MUNICIPAL,900000.00,2021-01-15,津财指〔2021〕12号,true,");
        QueryService.Response commitmentsCsv = service.get("finance", "/api/finance/commitments?format=csv", "*/*");
        assertThat(commitmentsCsv.text()).startsWith("\uFEFFapplicationId,");
        assertThat(commitmentsCsv.text()).contains(",Alpha MES,\"Alpha MES Co., Ltd.\"\r\n");
    }

    private static List<Row> sheet(byte[] workbook) throws IOException {
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(workbook),
                new ReadingOptions(true, false))) {
            return book.getFirstSheet().read();
        }
    }

    private static List<String> texts(Row row) {
        return java.util.stream.IntStream.range(0, row.getCellCount()).mapToObj(i -> {
            Cell cell = row.getCell(i);
            if (cell == null) {
                return null;
            }
            boolean money = cell.getType() == CellType.NUMBER && "0.00".equals(cell.getDataFormatString());
            return money ? cell.asNumber().setScale(2).toPlainString() : cell.getText();
        }).toList();
    }

    /** A numeric cell (not text) holding the amount, shown with two decimals. */
    private static void assertMoney(Cell cell, String amount) {
        assertThat(cell.getType()).isEqualTo(CellType.NUMBER);
        assertThat(cell.asNumber()).isEqualByComparingTo(amount);
        assertThat(cell.getDataFormatString()).isEqualTo("0.00");
    }
}
