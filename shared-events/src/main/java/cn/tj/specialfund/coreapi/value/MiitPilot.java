package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

/** A claimed MIIT pilot selection: the programme, the year of the list, and whether the applicant led the project. */
public record MiitPilot(PilotProgramme programme, int year, boolean leadApplicant) {
    public MiitPilot {
        if (programme == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, "miitPilot.programme is required");
        }
        if (year < 2000 || year > 2100) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, "miitPilot.year " + year + " is not a year of the programme");
        }
    }
}
