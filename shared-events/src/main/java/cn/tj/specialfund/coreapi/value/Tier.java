package cn.tj.specialfund.coreapi.value;

/** Support tiers: municipal demonstration, or MIIT pilot demonstration. Rates and caps live in ProgramRules. */
public enum Tier {
    MUNICIPAL("市级示范"), MIIT_PILOT("工信部试点示范");

    private final String displayName;

    Tier(String displayName) {
        this.displayName = displayName;
    }

    /** The tier's name where a person reads it (exports). */
    public String displayName() {
        return displayName;
    }
}
