package cn.tj.specialfund.command.api;

import cn.tj.specialfund.coreapi.rules.InputLimits.Rows;
import cn.tj.specialfund.coreapi.rules.InputLimits.Text;
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
 * read as text only: a JSON number such as {@code 2.10} would silently become another code. The materials
 * are read as the list that was sent, so that a list of repeated entries is counted as sent. The input
 * limits of contract §7 are checked while the body is read.
 */
record SubmitApplicationRequest(String projectName, String direction, Applicant applicant,
                                ConstructionStatus constructionStatus, LocalDate constructionStart,
                                LocalDate constructionEnd, List<FundingRow> funding, List<Expenditure> expenditures,
                                MiitPilot miitPilot, boolean integrationCertified, String benefits,
                                IndustrialInternetMetrics industrialInternet, List<Material> materials) {

    SubmitApplicationRequest {
        Text.PROJECT_NAME.check("/projectName", projectName);
        if (applicant != null) {
            Text.APPLICANT_NAME.check("/applicant/name", applicant.name());
        }
        if (funding != null) {
            Rows.FUNDING.check("/funding", funding.size());
        }
        if (expenditures != null) {
            Rows.EXPENDITURES.check("/expenditures", expenditures.size());
            for (int i = 0; i < expenditures.size(); i++) {
                if (expenditures.get(i) != null) {
                    Text.BASIS.check("/expenditures/" + i + "/basis", expenditures.get(i).basis());
                }
            }
        }
        Text.BENEFITS.check("/benefits", benefits);
        if (materials != null) {
            Rows.MATERIALS.check("/materials", materials.size());
        }
    }

    /** @throws cn.tj.specialfund.coreapi.rules.RuleViolation INVALID_FIELD for a malformed form (400) */
    ApplicationForm toForm() {
        return new ApplicationForm(projectName, direction == null ? null : Direction.fromCode(direction), applicant,
                constructionStatus, constructionStart, constructionEnd, funding, expenditures, miitPilot,
                integrationCertified, benefits, industrialInternet,
                materials == null ? null : materials.stream().collect(java.util.stream.Collectors.toSet()));
    }
}
