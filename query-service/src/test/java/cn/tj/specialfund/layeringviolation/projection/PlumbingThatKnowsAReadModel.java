package cn.tj.specialfund.layeringviolation.projection;

import cn.tj.specialfund.layeringviolation.dashboard.SomeDashboard;

/** A back edge planted for the architecture test: plumbing that depends on a read model. */
public class PlumbingThatKnowsAReadModel {

    int peek(SomeDashboard dashboard) {
        return dashboard.figure();
    }
}
