package cn.tj.specialfund.layeringviolation.dashboard;

/** A read model, for the architecture test's planted violations. */
public class SomeDashboard {

    public int figure() {
        return 1;
    }
}
