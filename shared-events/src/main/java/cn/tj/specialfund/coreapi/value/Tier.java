package cn.tj.specialfund.coreapi.value;

/** Support tiers: municipal demonstration, or MIIT pilot demonstration. Rates and caps live in ProgramRules. */
public enum Tier {
    MUNICIPAL("市级示范项目"), MIIT_PILOT("工信部试点示范项目");

    private final String chineseName;

    Tier(String chineseName) {
        this.chineseName = chineseName;
    }

    /** For texts a person reads (the dashboard uses the same names). */
    public String chineseName() {
        return chineseName;
    }
}
