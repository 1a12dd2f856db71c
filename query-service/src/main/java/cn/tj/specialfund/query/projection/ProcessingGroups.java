package cn.tj.specialfund.query.projection;

import java.util.List;

/** The query side's processing groups, each a pooled streaming processor with its own tokens. */
public final class ProcessingGroups {

    public static final String APPLICATIONS = "applications-view";
    public static final String DASHBOARDS = "dashboard-view";
    public static final String FINANCE = "finance-ledger";
    public static final List<String> ALL = List.of(APPLICATIONS, DASHBOARDS, FINANCE);

    private ProcessingGroups() {
    }
}
