package cn.tj.specialfund.allinone;

import java.util.Arrays;

/** {@code --sample-call} is shorthand for {@code --ledger.sample-call.enabled=true}. */
final class SampleCallSwitch {

    static final String FLAG = "--sample-call";

    private SampleCallSwitch() {
    }

    static String[] translate(String[] args) {
        return Arrays.stream(args)
                .map(arg -> arg.equals(FLAG) ? "--ledger.sample-call.enabled=true" : arg)
                .toArray(String[]::new);
    }
}
