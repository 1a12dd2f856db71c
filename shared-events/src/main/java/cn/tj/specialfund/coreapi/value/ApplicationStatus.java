package cn.tj.specialfund.coreapi.value;

/** Lifecycle of an application (contract §2). */
public enum ApplicationStatus {
    SUBMITTED("已申报"), DISTRICT_APPROVED("区级审核通过"), DISTRICT_REJECTED("区级审核未通过"), SCORED("已评审"),
    AWARDED("已立项"), NOT_SELECTED("未入选"), TOPPED_UP("已补齐差额");

    private final String displayName;

    ApplicationStatus(String displayName) {
        this.displayName = displayName;
    }

    /** For texts a person reads (the dashboard shows the same names). */
    public String displayName() {
        return displayName;
    }
}
