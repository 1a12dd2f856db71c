package cn.tj.specialfund.coreapi.value;

/** Application materials of 三、申报材料. Which are required is a rule of the call (ProgramRules). */
public enum Material {
    APPLICATION_FORM, CONSTRUCTION_PLAN, ASSESSMENT_REPORT, INVESTMENT_PROOF,
    INTEGRATION_CERTIFICATE, MIIT_APPROVAL, OTHER
}
