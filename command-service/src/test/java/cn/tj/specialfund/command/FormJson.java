package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.value.CreditCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.ThreadLocalRandom;

/** Submission bodies as a client sends them: the contract's example, with a fresh applicant each time. */
final class FormJson {

    private static final String EXAMPLE = """
            {"projectName": "MES and ERP integration", "direction": "1.2",
             "applicant": {"name": "Tianjin Example Co., Ltd.", "creditCode": "91120116050123455B", "district": "XIQING"},
             "constructionStatus": "COMPLETED", "constructionStart": "2019-03-01", "constructionEnd": "2020-06-30",
             "funding": [{"year": 2019, "total": 6000000, "selfRaised": 4800000, "specialFunds": 1200000}],
             "expenditures": [{"category": "SOFTWARE_DEVELOPMENT", "amount": 6000000, "specialFunds": 1200000, "basis": "quotation"}],
             "miitPilot": null,
             "integrationCertified": false, "benefits": "shorter lead times",
             "industrialInternet": null,
             "materials": ["APPLICATION_FORM", "CONSTRUCTION_PLAN", "ASSESSMENT_REPORT", "INVESTMENT_PROOF"]}
            """;

    private FormJson() {
    }

    /** A valid completed 1.2 project (uncapped) in XIQING: 6,000,000 invested and eligible, 1,200,000 requested. */
    static ObjectNode valid() {
        try {
            ObjectNode form = (ObjectNode) LedgerClient.JSON.readTree(EXAMPLE);
            ((ObjectNode) form.path("applicant")).put("creditCode", freshCreditCode().value());
            return form;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode valid(String direction) {
        ObjectNode form = valid();
        form.put("direction", direction);
        if (direction.startsWith("2.")) {
            form.set("industrialInternet", indicators());
        }
        return form;
    }

    static ObjectNode indicators() {
        ObjectNode metrics = LedgerClient.JSON.createObjectNode();
        for (String name : new String[]{"connectedDevices", "sensorPoints", "cloudSoftware", "industrialApps",
                "mechanismModels", "registeredUsers", "enterpriseUsers"}) {
            metrics.put(name, 10);
        }
        return metrics;
    }

    /** A 2019 MIIT pilot claimed as lead applicant with the approval attached: MIIT_PILOT is claimable. */
    static ObjectNode miitPilot2019(ObjectNode form) {
        ObjectNode pilot = form.putObject("miitPilot");
        pilot.put("programme", "INDUSTRIAL_INTERNET_INNOVATION").put("year", 2019).put("leadApplicant", true);
        ((ArrayNode) form.path("materials")).add("MIIT_APPROVAL");
        return form;
    }

    static ObjectNode applicant(ObjectNode form) {
        return (ObjectNode) form.path("applicant");
    }

    static ObjectNode fundingRow(ObjectNode form, int index) {
        return (ObjectNode) form.path("funding").path(index);
    }

    static ObjectNode expenditure(ObjectNode form, int index) {
        return (ObjectNode) form.path("expenditures").path(index);
    }

    /** A valid unified social credit code nobody has used yet (Tianjin Xiqing, random organisation body). */
    static CreditCode freshCreditCode() {
        StringBuilder body = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            body.append((char) ('0' + random.nextInt(10)));
        }
        return CreditCode.complete("91120111" + body);
    }
}
