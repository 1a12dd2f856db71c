package cn.tj.specialfund.coreapi.value;

/** Lines of the 附件9-1 budget table; the last three count in total investment but are never supported (二(五)). */
public enum ExpenditureCategory {
    DESIGN(false, "方案（系统）设计费"), EQUIPMENT(false, "设备购置及安装费"), SOFTWARE_PURCHASE(false, "软件购置及安装费"), SOFTWARE_DEVELOPMENT(false, "软件开发费"), NETWORK(false, "网络建设改造费"),
    CLOUD_SERVICES(false, "云服务购置费"), INTEGRATION(false, "系统集成、监理及实施费"), TESTING_OUTSOURCING(false, "试验外协费"), EXPERT_CONSULTING(false, "专家论证咨询费"),
    LOAN_INTEREST(false, "贷款贴息费"), AUDIT_MANAGEMENT(false, "审计等管理费"), OTHER(false, "其它费用"),
    DIGITAL_PRODUCTION_EQUIPMENT(true, "数字化生产装备购置费"), TEST_INSTRUMENTS(true, "试验测试仪器费"), CIVIL_WORKS(true, "房屋土建改造费");

    private final boolean excludedFromSupport;
    private final String displayName;

    ExpenditureCategory(boolean excludedFromSupport, String displayName) {
        this.excludedFromSupport = excludedFromSupport;
        this.displayName = displayName;
    }

    /** The line's name in the 附件9-1 budget table, for texts a person reads. */
    public String displayName() {
        return displayName;
    }

    public boolean isExcludedFromSupport() {
        return excludedFromSupport;
    }
}
