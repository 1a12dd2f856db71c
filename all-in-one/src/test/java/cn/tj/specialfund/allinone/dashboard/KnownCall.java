package cn.tj.specialfund.allinone.dashboard;

import cn.tj.specialfund.coreapi.value.CreditCode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small call whose every figure is known in advance: eight applications that between them reach each
 * step of the lifecycle, with amounts whose 1:1 split leaves an odd fen. It is filed through the command
 * API as the districts, reviewers and the program manager would file it.
 */
final class KnownCall {

    /** One application of the call and what happens to it. */
    record Planned(String key, String projectName, String applicantName, String direction, String district,
                   String invested, String requested, boolean miitPilot, Outcome outcome, String score) {

        String officer() {
            return "district-" + district.toLowerCase();
        }
    }

    enum Outcome { SUBMITTED, DISTRICT_REJECTED, DISTRICT_APPROVED, SCORED, NOT_SELECTED, AWARDED, TOPPED_UP }

    static final List<Planned> APPLICATIONS = List.of(
            // 20 % of 6,000,000.00 = 1,200,000.00 awarded; topped up to 30 % = 1,800,000.00
            new Planned("A", "西青智能工厂集成应用", "天津西青精密制造有限公司", "1.1", "XIQING",
                    "6000000.00", "1200000.00", false, Outcome.TOPPED_UP, "91.5"),
            // 913,578.03 awarded: the district's half is 456,789.01, the city's 456,789.02
            new Planned("B", "滨海新一代信息技术创新应用", "天津滨海云创科技有限公司", "1.2", "BINHAI",
                    "4567890.15", "913578.03", false, Outcome.AWARDED, "87"),
            // a 2019 MIIT pilot (lead applicant): 2,500,000.00 requested, below 30 % of 10,000,000.01
            new Planned("C", "南开工业互联网双跨平台", "天津南开工联网络股份有限公司", "2.1", "NANKAI",
                    "10000000.01", "2500000.00", true, Outcome.AWARDED, "93.25"),
            // scored and waiting in 1.1: its district carries 388,888.88 of exposure
            new Planned("D", "西青关键工序信息化改造", "天津西青智控设备有限公司", "1.1", "XIQING",
                    "5000000.00", "777777.77", false, Outcome.SCORED, "88.5"),
            new Planned("E", "和平互联网制造新模式", "天津和平数字服务有限公司", "1.3", "HEPING",
                    "2000000.00", "400000.00", false, Outcome.DISTRICT_REJECTED, null),
            new Planned("F", "滨海工业大数据应用", "天津滨海数据智能有限公司", "1.4", "BINHAI",
                    "3000000.00", "500000.00", false, Outcome.NOT_SELECTED, "61"),
            new Planned("G", "和平行业工业互联网平台", "天津和平工业软件有限公司", "2.2", "HEPING",
                    "8000000.00", "1600000.00", false, Outcome.SUBMITTED, null),
            // approved and not yet scored: 300,000.00 of exposure for DONGLI
            new Planned("H", "东丽关键领域集成示范", "天津东丽装备智造有限公司", "1.1", "DONGLI",
                    "3000000.00", "600000.00", false, Outcome.DISTRICT_APPROVED, null));

    // What the dashboards must show for this call, worked out by hand from the rules of the call.
    static final long SUBMITTED = 8;
    static final long DISTRICT_APPROVED = 6;
    static final long SCORED = 5;
    static final long AWARDED = 3;
    static final BigDecimal AWARDED_AMOUNT = new BigDecimal("4613578.03");
    static final BigDecimal TOP_UP_AMOUNT = new BigDecimal("600000.00");
    static final BigDecimal TOTAL_SUPPORT = new BigDecimal("5213578.03");
    static final BigDecimal MUNICIPAL = new BigDecimal("2606789.02");
    static final BigDecimal DISTRICT = new BigDecimal("2606789.01");
    static final BigDecimal XIQING_PENDING = new BigDecimal("388888.88");
    static final BigDecimal DONGLI_PENDING = new BigDecimal("300000.00");

    private KnownCall() {
    }

    /**
     * Files the call through the command API as its users would; the application ids and credit codes go into
     * the maps by the call's keys (A–H).
     */
    static void file(Api api, Map<String, String> ids, Map<String, String> creditCodes) {
        for (Planned planned : KnownCall.APPLICATIONS) {
            String creditCode = freshCreditCode();
            String id = api.post(planned.officer(), "/api/applications", form(planned, creditCode)).get("id").asText();
            ids.put(planned.key(), id);
            creditCodes.put(planned.key(), creditCode);
        }
        for (Planned planned : KnownCall.APPLICATIONS) {
            String path = "/api/applications/" + ids.get(planned.key());
            Outcome outcome = planned.outcome();
            if (outcome == Outcome.SUBMITTED) {
                continue;
            }
            if (outcome == Outcome.DISTRICT_REJECTED) {
                api.post(planned.officer(), path + "/district-review",
                        Map.of("decision", "REJECT", "matchingCommitted", false, "comment", "申报材料与实际建设内容不符"));
                continue;
            }
            api.post(planned.officer(), path + "/district-review",
                    Map.of("decision", "APPROVE", "matchingCommitted", true, "comment", "同意推荐，区级按1:1配套"));
            if (outcome == Outcome.DISTRICT_APPROVED) {
                continue;
            }
            api.post("reviewer", path + "/score", Map.of("score", new BigDecimal(planned.score()), "reviewer", "专家组"));
            switch (outcome) {
                case NOT_SELECTED -> api.post("manager", path + "/reject", Map.of("reason", "评分未进入支持范围"));
                case AWARDED -> api.post("manager", path + "/award",
                        Map.of("tier", planned.miitPilot() ? "MIIT_PILOT" : "MUNICIPAL"));
                case TOPPED_UP -> {
                    api.post("manager", path + "/award", Map.of("tier", "MUNICIPAL"));
                    api.post("manager", path + "/top-up", Map.of(
                            "miitPilot", Map.of("programme", "INDUSTRIAL_INTERNET_INNOVATION", "year", 2020,
                                    "leadApplicant", true),
                            "reviewReference", "第三方评审 2020-TJ-017"));
                }
                default -> {
                }
            }
        }
    }

    /** A valid, fresh unified social credit code (a Tianjin legal person), so reruns never collide. */
    static String freshCreditCode() {
        StringBuilder body = new StringBuilder("91120116");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            body.append((char) ('0' + random.nextInt(10)));
        }
        return CreditCode.complete(body.toString()).value();
    }

    /** The body of {@code POST /api/applications} (contract §4) for a completed project. */
    static Map<String, Object> form(Planned planned, String creditCode) {
        BigDecimal invested = new BigDecimal(planned.invested());
        BigDecimal requested = new BigDecimal(planned.requested());
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("projectName", planned.projectName());
        form.put("direction", planned.direction());
        form.put("applicant", Map.of("name", planned.applicantName(), "creditCode", creditCode,
                "district", planned.district()));
        form.put("constructionStatus", "COMPLETED");
        form.put("constructionStart", "2019-03-01");
        form.put("constructionEnd", "2020-06-30");
        form.put("funding", List.of(Map.of("year", 2019, "total", invested,
                "selfRaised", invested.subtract(requested), "specialFunds", requested)));
        form.put("expenditures", List.of(Map.of("category", "SOFTWARE_DEVELOPMENT", "amount", invested,
                "specialFunds", requested, "basis", "合同及发票")));
        form.put("miitPilot", planned.miitPilot()
                ? Map.of("programme", "INDUSTRIAL_INTERNET_INNOVATION", "year", 2019, "leadApplicant", true)
                : null);
        form.put("integrationCertified", false);
        form.put("benefits", "降低运营成本，提升生产效率");
        form.put("industrialInternet", planned.direction().startsWith("2.")
                ? Map.of("connectedDevices", 1200, "sensorPoints", 30000, "cloudSoftware", 12, "industrialApps", 45,
                "mechanismModels", 80, "registeredUsers", 5000, "enterpriseUsers", 300)
                : null);
        List<String> materials = new ArrayList<>(List.of("APPLICATION_FORM", "CONSTRUCTION_PLAN",
                "ASSESSMENT_REPORT", "INVESTMENT_PROOF"));
        if (planned.miitPilot()) {
            materials.add("MIIT_APPROVAL");
        }
        form.put("materials", materials);
        return form;
    }
}
