package cn.tj.specialfund.coreapi.value;

/** Support tiers: municipal demonstration, or MIIT pilot demonstration. Rates and caps live in ProgramRules. */
public enum Tier {
    MUNICIPAL, MIIT_PILOT
}
