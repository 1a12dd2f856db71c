package cn.tj.specialfund.coreapi.value;

/** The MIIT pilot programmes of 二(四) that qualify a project for the MIIT_PILOT tier. */
public enum PilotProgramme {
    INDUSTRIAL_INTERNET_INNOVATION, MANUFACTURING_INTERNET_INTEGRATION, MANUFACTURING_DOUBLE_INNOVATION_PLATFORM
}
