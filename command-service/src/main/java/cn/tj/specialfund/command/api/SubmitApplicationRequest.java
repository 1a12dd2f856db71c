package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.value.Applicant;
import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.ConstructionStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.Expenditure;
import cn.tj.specialfund.coreapi.value.FundingRow;
import cn.tj.specialfund.coreapi.value.IndustrialInternetMetrics;
import cn.tj.specialfund.coreapi.value.Material;
import cn.tj.specialfund.coreapi.value.MiitPilot;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST /api/applications}: the form as the applicant's district files it. The direction is
 * read as text only: a JSON number such as {@code 2.10} would silently become another code.
 */
record SubmitApplicationRequest(String projectName, String direction, Applicant applicant,
                                ConstructionStatus constructionStatus, LocalDate constructionStart,
                                LocalDate constructionEnd, List<FundingRow> funding, List<Expenditure> expenditures,
                                MiitPilot miitPilot, boolean integrationCertified, String benefits,
                                IndustrialInternetMetrics industrialInternet, Set<Material> materials) {

    /** @throws cn.tj.specialfund.coreapi.rules.RuleViolation INVALID_FIELD for a malformed form (400) */
    ApplicationForm toForm() {
        return new ApplicationForm(projectName, direction == null ? null : Direction.fromCode(direction), applicant, constructionStatus, constructionStart,
                constructionEnd, funding, expenditures, miitPilot, integrationCertified, benefits, industrialInternet,
                materials);
    }
}
