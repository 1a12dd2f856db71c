package cn.tj.specialfund.coreapi.value;

/**
 * Roles of contract §5. A district officer is bound to one district. {@code METRICS} is the monitoring
 * system's scrape account: it reads {@code /actuator/prometheus} and nothing else.
 */
public enum Role {
    DISTRICT_OFFICER("区主管部门"), REVIEWER("评审专家"), PROGRAM_MANAGER("项目管理"),
    FINANCE("财政"), AUDITOR("审计"), ADMIN("管理员"), METRICS("监控采集");

    private final String displayName;

    Role(String displayName) {
        this.displayName = displayName;
    }

    /** For texts a person reads (the dashboard shows the same names). */
    public String displayName() {
        return displayName;
    }
}
