package cn.tj.specialfund.coreapi.value;

/** Roles of contract §5. A district officer is bound to one district. */
public enum Role {
    DISTRICT_OFFICER, REVIEWER, PROGRAM_MANAGER, FINANCE, AUDITOR, ADMIN
}
