package cn.tj.specialfund.query.web;

/** The longer descriptions of the queries in the API document. */
public final class QueryApiTexts {

    private QueryApiTexts() {
    }

    public static final String LISTS = """
            以 JSON 分页应答（entriesPage 从 0 起，entriesSize 默认 100，1–1000），记录从旧到新；`Accept: text/csv` \
            或 `format=csv` 流式输出全部记录（UTF-8 BOM，中文表头），`format=xlsx` 为 Excel 工作簿（带合计行）。\
            asOf 为带时区偏移的 ISO-8601 时刻：该时刻的状态。""";

    public static final String DISBURSEMENTS = """
            承诺不等于拨付：committed、paid、outstanding 合计与按资金来源（municipal 市级、district 区级配套）；\
            byDistrict：各区配套承诺、已到位、未到位与逾期（奖补或追加 90 天后仍未到位的区级分担）；byDirection；\
            entries：拨付记录（含冲销标记）。可按 direction、district 筛选。""" + "\n\n" + LISTS;

    public static final String COMMITMENTS = """
            资金承诺：totalCommitted、municipal、district，byDirection、byDistrict、byTier，entryCount 与一页 entries \
            （kind 为 AWARD 奖补或 TOP_UP 追加）。""" + "\n\n" + LISTS;

    public static final String APPLICATIONS = """
            按提交时间排序（从旧到新），{"items": [...], "total": n}。q 匹配项目或申报单位名称（子串，不区分大小写）、\
            区名（如 西青）、信用代码或编号（前缀）；submittedFrom、submittedTo 为带时区偏移的 ISO-8601 时刻；\
            page ≥ 0，size 1–200（默认 50）。`Accept: text/csv` 输出 CSV。区主管部门只看到本区（district= 其他区 → 403）。""";
}
