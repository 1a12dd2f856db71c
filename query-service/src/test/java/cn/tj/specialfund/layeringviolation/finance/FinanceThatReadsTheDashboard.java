package cn.tj.specialfund.layeringviolation.finance;

import cn.tj.specialfund.layeringviolation.dashboard.SomeDashboard;

/** Planted for the architecture test: one read model reaching into another. */
public class FinanceThatReadsTheDashboard {

    int peek(SomeDashboard dashboard) {
        return dashboard.figure();
    }
}
