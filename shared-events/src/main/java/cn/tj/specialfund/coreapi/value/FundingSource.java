package cn.tj.specialfund.coreapi.value;

/**
 * Who pays a share of an award (四(二) 1:1 co-funding): the city its municipal share, the application's district
 * its matching district share.
 */
public enum FundingSource {
    MUNICIPAL("市级资金"), DISTRICT("区级配套资金");

    private final String displayName;

    FundingSource(String displayName) {
        this.displayName = displayName;
    }

    /** The source's name where a person reads it (exports). */
    public String displayName() {
        return displayName;
    }
}
