package cn.tj.specialfund.coreapi.value;

/**
 * Who pays a share of an award (四(二) 1:1 co-funding): the city its municipal share, the application's district
 * its matching district share.
 */
public enum FundingSource {
    MUNICIPAL("市级"), DISTRICT("区级");

    private final String chineseName;

    FundingSource(String chineseName) {
        this.chineseName = chineseName;
    }

    /** For texts a person reads: 市级 or 区级 (share, funds). */
    public String chineseName() {
        return chineseName;
    }
}
