package cn.tj.specialfund.coreapi.value;

/** Application materials of 三、申报材料. Which are required is a rule of the call (ProgramRules). */
public enum Material {
    APPLICATION_FORM("项目申请书"), CONSTRUCTION_PLAN("项目建设方案"), ASSESSMENT_REPORT("两化融合评估报告"),
    INVESTMENT_PROOF("已建成项目投入及完成情况证明"), INTEGRATION_CERTIFICATE("两化融合管理体系认定证书"),
    MIIT_APPROVAL("工信部试点示范批复文件或合同"), OTHER("其他证明材料");

    private final String displayName;

    Material(String displayName) {
        this.displayName = displayName;
    }

    /** The material's name as 三、申报材料 lists it, for texts a person reads. */
    public String displayName() {
        return displayName;
    }
}
