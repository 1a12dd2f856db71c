package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

/** A claimed MIIT pilot selection: the programme, the year of the list, and whether the applicant led the project. */
public record MiitPilot(PilotProgramme programme, int year, boolean leadApplicant) {
    public MiitPilot {
        if (programme == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("工信部试点示范类别（miitPilot.programme）为必填项", "miitPilot.programme is required"));
        }
        if (year < 2000 || year > 2100) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("工信部试点示范年度 " + year + " 不是该试点示范的有效年度",
                    "miitPilot.year " + year + " is not a year of the programme"));
        }
    }
}
