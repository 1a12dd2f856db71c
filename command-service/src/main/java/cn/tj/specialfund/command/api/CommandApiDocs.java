package cn.tj.specialfund.command.api;

import cn.tj.specialfund.support.openapi.ApiDocs;
import cn.tj.specialfund.support.openapi.EndpointDoc;
import org.springframework.stereotype.Component;

import java.util.List;

import static cn.tj.specialfund.coreapi.rules.ErrorCode.BUDGET_INCONSISTENT;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.CONSTRUCTION_PERIOD_TOO_LONG;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.DIRECTION_CAP_REACHED;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.DISBURSEMENT_EXCEEDS_COMMITMENT;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.DUPLICATE_APPLICANT;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.DUPLICATE_VOUCHER;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.EXCLUDED_COST_FUNDED;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.INDUSTRIAL_INTERNET_METRICS;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVALID_CREDIT_CODE;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVALID_PAYMENT_DATE;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVALID_STATE;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVESTMENT_BEFORE_CUTOFF;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.MATCHING_NOT_COMMITTED;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.MISSING_MATERIAL;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.NOTHING_TO_TOP_UP;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.NOT_FOUND;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.NOT_MIIT_PILOT;
import static cn.tj.specialfund.coreapi.rules.ErrorCode.REQUEST_EXCEEDS_CEILING;
import static cn.tj.specialfund.coreapi.value.Role.ADMIN;
import static cn.tj.specialfund.coreapi.value.Role.DISTRICT_OFFICER;
import static cn.tj.specialfund.coreapi.value.Role.FINANCE;
import static cn.tj.specialfund.coreapi.value.Role.PROGRAM_MANAGER;
import static cn.tj.specialfund.coreapi.value.Role.REVIEWER;

/**
 * The commands of contract §4 and §8 as the API document describes them. The examples form one story, in this
 * order: a 1.1 project of 西青区 is submitted, approved by its district, scored, awarded as a municipal
 * demonstration (1 200 000.00), topped up to the MIIT ceiling (600 000.00 more), paid in part by the city on
 * 2021-01-15 and that payment reversed; the rejection is of another scored application.
 */
@Component
class CommandApiDocs implements ApiDocs {

    static final String SUBMISSION = """
            {"projectName": "齿轮箱工厂 MES 与 ERP 集成应用", "direction": "1.1",
             "applicant": {"name": "天津示例齿轮箱有限公司", "creditCode": "91120116050123455B", "district": "XIQING"},
             "constructionStatus": "COMPLETED", "constructionStart": "2019-03-01", "constructionEnd": "2020-06-30",
             "funding": [{"year": 2019, "total": 6000000.00, "selfRaised": 4800000.00, "specialFunds": 1200000.00}],
             "expenditures": [{"category": "SOFTWARE_DEVELOPMENT", "amount": 6000000.00, "specialFunds": 1200000.00,
                               "basis": "三家供应商报价"}],
             "miitPilot": null, "integrationCertified": false, "benefits": "订单交付周期缩短 30%",
             "industrialInternet": null,
             "materials": ["APPLICATION_FORM", "CONSTRUCTION_PLAN", "ASSESSMENT_REPORT", "INVESTMENT_PROOF"]}
            """;

    private static final String ID = "/api/applications/{id}";

    @Override
    public List<EndpointDoc> endpoints() {
        return List.of(
                EndpointDoc.post("/api/applications").summary("提交申报")
                        .description(CommandApiTexts.SUBMIT)
                        .roles(DISTRICT_OFFICER, ADMIN).rolesNote("区主管部门只能提交本区申报单位的项目")
                        .success(201, "已申报：`{\"id\", \"status\": \"SUBMITTED\"}`，`Location` 指向该申报")
                        .problems(INVALID_CREDIT_CODE, DUPLICATE_APPLICANT, INVESTMENT_BEFORE_CUTOFF,
                                CONSTRUCTION_PERIOD_TOO_LONG, EXCLUDED_COST_FUNDED, MISSING_MATERIAL,
                                INDUSTRIAL_INTERNET_METRICS, BUDGET_INCONSISTENT, REQUEST_EXCEEDS_CEILING)
                        .body(SUBMISSION).build(),
                EndpointDoc.post(ID + "/district-review").summary("区级审核")
                        .description("区主管部门审核本区申报：APPROVE 通过（须承诺 1:1 区级配套资金，`matchingCommitted: true`）"
                                + "或 REJECT 不通过。只适用于 SUBMITTED 状态。")
                        .roles(DISTRICT_OFFICER).rolesNote("仅该申报所在区的主管部门")
                        .success(200, "`{\"id\", \"status\": \"DISTRICT_APPROVED\" | \"DISTRICT_REJECTED\"}`")
                        .problems(NOT_FOUND, INVALID_STATE, MATCHING_NOT_COMMITTED)
                        .body("""
                                {"decision": "APPROVE", "matchingCommitted": true, "comment": "配套资金已列入区 2020 年预算"}
                                """).build(),
                EndpointDoc.post(ID + "/score").summary("评审打分")
                        .description("第三方评审打分，0–100，最多两位小数；在立项决定前可重新打分，以最后一次为准。"
                                + "适用于 DISTRICT_APPROVED 与 SCORED。")
                        .roles(REVIEWER)
                        .success(200, "`{\"id\", \"status\": \"SCORED\"}`")
                        .problems(NOT_FOUND, INVALID_STATE)
                        .body("""
                                {"score": 86.5, "reviewer": "第三方评审专家组"}
                                """).build(),
                EndpointDoc.post(ID + "/award").summary("立项支持")
                        .description(CommandApiTexts.AWARD)
                        .roles(PROGRAM_MANAGER)
                        .success(200, "`{\"id\", \"status\": \"AWARDED\", \"tier\", \"amount\", \"municipalShare\", \"districtShare\"}`")
                        .problems(NOT_FOUND, INVALID_STATE, DIRECTION_CAP_REACHED, NOT_MIIT_PILOT)
                        .body("""
                                {"tier": "MUNICIPAL"}
                                """).build(),
                EndpointDoc.post(ID + "/reject").summary("不予立项")
                        .description("项目管理决定不予支持，状态变为 NOT_SELECTED。只适用于 SCORED。")
                        .roles(PROGRAM_MANAGER)
                        .success(200, "`{\"id\", \"status\": \"NOT_SELECTED\"}`")
                        .problems(NOT_FOUND, INVALID_STATE)
                        .body("""
                                {"reason": "评审得分低于立项分数线"}
                                """).build(),
                EndpointDoc.post(ID + "/top-up").summary("补齐差额（追加支持）")
                        .description(CommandApiTexts.TOP_UP)
                        .roles(PROGRAM_MANAGER)
                        .success(200, "`{\"id\", \"status\": \"TOPPED_UP\", \"topUpAmount\", \"municipalShare\", \"districtShare\", \"totalSupport\"}`（分担额为本次追加的）")
                        .problems(NOT_FOUND, INVALID_STATE, NOT_MIIT_PILOT, NOTHING_TO_TOP_UP)
                        .body("""
                                {"miitPilot": {"programme": "INDUSTRIAL_INTERNET_INNOVATION", "year": 2020, "leadApplicant": true},
                                 "reviewReference": "工信部 2020 年工业互联网创新发展工程入选名单"}
                                """).build(),
                EndpointDoc.post(ID + "/disbursements").summary("记录拨付")
                        .description(CommandApiTexts.DISBURSE)
                        .roles(FINANCE, DISTRICT_OFFICER)
                        .rolesNote("MUNICIPAL 市级资金由 FINANCE 记录；DISTRICT 区级配套资金由该申报所在区的主管部门记录")
                        .success(201, "`{\"disbursementId\", \"source\", \"amount\", \"reversed\": false, \"paid\", \"outstanding\"}`（该资金来源拨付后的已拨付与未拨付），`Location` 指向该拨付")
                        .problems(NOT_FOUND, INVALID_STATE, DUPLICATE_VOUCHER, DISBURSEMENT_EXCEEDS_COMMITMENT,
                                INVALID_PAYMENT_DATE)
                        .body("""
                                {"source": "MUNICIPAL", "amount": 800000.00, "paidOn": "2021-01-15", "voucher": "津财指〔2021〕12号"}
                                """).build(),
                EndpointDoc.post(ID + "/disbursements/{disbursementId}/reversal").summary("冲销拨付")
                        .description("冲销一笔拨付：新增一条事件，原记录不变；每笔拨付至多冲销一次。")
                        .roles(FINANCE, DISTRICT_OFFICER).rolesNote("与可记录该笔拨付的角色相同")
                        .success(200, "`{\"disbursementId\", \"source\", \"amount\", \"reversed\": true, \"paid\", \"outstanding\"}`（冲销后）")
                        .problems(NOT_FOUND, INVALID_STATE)
                        .body("""
                                {"reason": "凭证金额录入错误，重新拨付"}
                                """).build());
    }
}
