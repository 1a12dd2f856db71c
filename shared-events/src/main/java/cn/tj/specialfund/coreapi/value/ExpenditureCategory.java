package cn.tj.specialfund.coreapi.value;

/** Lines of the 附件9-1 budget table; the last three count in total investment but are never supported (二(五)). */
public enum ExpenditureCategory {
    DESIGN(false), EQUIPMENT(false), SOFTWARE_PURCHASE(false), SOFTWARE_DEVELOPMENT(false), NETWORK(false),
    CLOUD_SERVICES(false), INTEGRATION(false), TESTING_OUTSOURCING(false), EXPERT_CONSULTING(false),
    LOAN_INTEREST(false), AUDIT_MANAGEMENT(false), OTHER(false),
    DIGITAL_PRODUCTION_EQUIPMENT(true), TEST_INSTRUMENTS(true), CIVIL_WORKS(true);

    private final boolean excludedFromSupport;

    ExpenditureCategory(boolean excludedFromSupport) {
        this.excludedFromSupport = excludedFromSupport;
    }

    public boolean isExcludedFromSupport() {
        return excludedFromSupport;
    }
}
