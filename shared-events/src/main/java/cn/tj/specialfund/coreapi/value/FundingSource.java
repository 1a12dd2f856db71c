package cn.tj.specialfund.coreapi.value;

/**
 * Who pays a share of an award (四(二) 1:1 co-funding): the city its municipal share, the application's district
 * its matching district share.
 */
public enum FundingSource {
    MUNICIPAL, DISTRICT
}
