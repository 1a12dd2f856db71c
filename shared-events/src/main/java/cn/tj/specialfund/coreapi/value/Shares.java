package cn.tj.specialfund.coreapi.value;

/** How one amount of support is shared 1:1 between the city and the district (四(二)). */
public record Shares(Money municipalShare, Money districtShare) {
    public Money total() {
        return municipalShare.plus(districtShare);
    }
}
