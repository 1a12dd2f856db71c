package cn.tj.specialfund.coreapi.value;

/** Lifecycle of an application (contract §2). */
public enum ApplicationStatus {
    SUBMITTED, DISTRICT_APPROVED, DISTRICT_REJECTED, SCORED, AWARDED, NOT_SELECTED, TOPPED_UP
}
