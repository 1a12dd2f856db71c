package cn.tj.specialfund.coreapi.value;

/**
 * Roles of contract §5. A district officer is bound to one district. {@code METRICS} is the monitoring
 * system's scrape account: it reads {@code /actuator/prometheus} and nothing else.
 */
public enum Role {
    DISTRICT_OFFICER, REVIEWER, PROGRAM_MANAGER, FINANCE, AUDITOR, ADMIN, METRICS
}
