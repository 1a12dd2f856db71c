package cn.tj.specialfund.coreapi.value;

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
        require(projectName != null && !projectName.isBlank(), "projectName is required");
        require(projectName.length() <= 500, "projectName is longer than 500 characters");
        require(direction != null, "direction is required");
        require(applicant != null, "applicant is required");
        require(constructionStatus != null, "constructionStatus is required");
        require(constructionStart != null, "constructionStart is required");
        require(constructionEnd != null, "constructionEnd is required");
        require(!constructionEnd.isBefore(constructionStart), "constructionEnd is before constructionStart");
        require(funding != null, "funding is required");
        require(expenditures != null, "expenditures is required");
        require(materials != null, "materials is required");
        require(funding.stream().noneMatch(java.util.Objects::isNull), "funding rows may not be null");
        require(expenditures.stream().noneMatch(java.util.Objects::isNull), "expenditure lines may not be null");
        require(materials.stream().noneMatch(java.util.Objects::isNull), "materials may not contain null");
        funding = List.copyOf(funding);
        expenditures = List.copyOf(expenditures);
        materials = Set.copyOf(materials);
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, detail);
        }
    }
}
