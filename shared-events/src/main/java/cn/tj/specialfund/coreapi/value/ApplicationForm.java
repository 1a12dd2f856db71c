package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Everything an applicant files (申请书, 建设方案, 资金预算表, materials). The constructor rejects a malformed
 * form (400); whether a well-formed form satisfies the call is ProgramRules' business (422).
 */
public record ApplicationForm(String projectName, Direction direction, Applicant applicant,
                              ConstructionStatus constructionStatus, LocalDate constructionStart,
                              LocalDate constructionEnd, List<FundingRow> funding, List<Expenditure> expenditures,
                              MiitPilot miitPilot, boolean integrationCertified, String benefits,
                              IndustrialInternetMetrics industrialInternet, Set<Material> materials) {

    public ApplicationForm {
        require(projectName != null && !projectName.isBlank(), "项目名称（projectName）为必填项",
                "projectName is required");
        require(projectName.length() <= 500, "项目名称（projectName）超过 500 个字符",
                "projectName is longer than 500 characters");
        require(direction != null, "支持方向（direction）为必填项",
                "direction is required");
        require(applicant != null, "申报单位（applicant）为必填项",
                "applicant is required");
        require(constructionStatus != null, "建设状态（constructionStatus）为必填项",
                "constructionStatus is required");
        require(constructionStart != null, "建设开始日期（constructionStart）为必填项",
                "constructionStart is required");
        require(constructionEnd != null, "建设结束日期（constructionEnd）为必填项",
                "constructionEnd is required");
        require(!constructionEnd.isBefore(constructionStart), "建设结束日期（constructionEnd）早于建设开始日期（constructionStart）",
                "constructionEnd is before constructionStart");
        require(funding != null, "资金来源（funding）为必填项",
                "funding is required");
        require(expenditures != null, "支出明细（expenditures）为必填项",
                "expenditures is required");
        require(materials != null, "申报材料（materials）为必填项",
                "materials is required");
        require(funding.stream().noneMatch(java.util.Objects::isNull), "资金来源（funding）不得含有空行",
                "funding rows may not be null");
        require(expenditures.stream().noneMatch(java.util.Objects::isNull), "支出明细（expenditures）不得含有空行",
                "expenditure lines may not be null");
        require(materials.stream().noneMatch(java.util.Objects::isNull), "申报材料（materials）不得含有空项",
                "materials may not contain null");
        funding = List.copyOf(funding);
        expenditures = List.copyOf(expenditures);
        materials = Set.copyOf(materials);
    }

    private static void require(boolean condition, String zh, String en) {
        if (!condition) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail(zh, en));
        }
    }
}
