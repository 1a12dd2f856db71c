package cn.tj.specialfund.coreapi.value;

/** 二(三): a project is either completed or under construction. */
public enum ConstructionStatus {
    COMPLETED, IN_CONSTRUCTION
}
