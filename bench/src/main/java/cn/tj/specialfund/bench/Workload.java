package cn.tj.specialfund.bench;

import cn.tj.specialfund.sample.SampleCall;
import cn.tj.specialfund.coreapi.ApproveInDistrict;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.RejectApplication;
import cn.tj.specialfund.coreapi.RejectInDistrict;
import cn.tj.specialfund.coreapi.ScoreApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.value.Role;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An endless supply of applications, batch after batch of a realistic call (about 230 applications each),
 * each handed out with the commands its users issue in lifecycle order. Concurrent clients take whole
 * applications, so the commands of one application stay in order while different applications race
 * (direction 1.1's awards race for its cap of ten).
 */
final class Workload {

    static final int BATCH = 230;

    /** One application's commands, in order; {@code serverId} is filled in by the submission's answer. */
    static final class Chain {
        final List<SampleCall.Step> steps;
        UUID serverId;

        Chain(List<SampleCall.Step> steps) {
            this.steps = steps;
        }
    }

    private final long seed;
    private final long firstSerial;
    private final Deque<Chain> pending = new ArrayDeque<>();
    private int batches;
    private long handedOut;

    Workload(long seed) {
        this(seed, 0);
    }

    /**
     * {@code firstSerial}: the first credit-code serial; a log kept from an earlier run already holds the applicants
     * of serials from 0, and a second submission of one is refused (one application per applicant).
     */
    Workload(long seed, long firstSerial) {
        this.seed = seed;
        this.firstSerial = firstSerial;
    }

    synchronized Chain next() {
        if (pending.isEmpty()) {
            SampleCall call = SampleCall.batch("bench-call", seed + batches, BATCH, firstSerial + (long) batches * BATCH);
            batches++;
            Map<UUID, List<SampleCall.Step>> byApplication = new LinkedHashMap<>();
            for (SampleCall.Step step : call.lifecycleSteps()) {
                byApplication.computeIfAbsent(step.applicationId(), id -> new ArrayList<>()).add(step);
            }
            List<Chain> chains = new ArrayList<>();
            byApplication.values().forEach(steps -> chains.add(new Chain(steps)));
            // submissions arrive in random order over the batch; keep the generator's (already shuffled) order
            pending.addAll(chains);
        }
        handedOut++;
        return pending.poll();
    }

    synchronized long applicationsHandedOut() {
        return handedOut;
    }

    synchronized int batches() {
        return batches;
    }

    /** The contract's name for the command, used to group latencies. */
    static String kind(Object command) {
        if (command instanceof SubmitApplication) {
            return "submit";
        }
        if (command instanceof ApproveInDistrict || command instanceof RejectInDistrict) {
            return "district-review";
        }
        if (command instanceof ScoreApplication) {
            return "score";
        }
        if (command instanceof AwardApplication) {
            return "award";
        }
        if (command instanceof RejectApplication) {
            return "reject";
        }
        if (command instanceof TopUpAward) {
            return "top-up";
        }
        return command.getClass().getSimpleName();
    }

    /** The status the read model shows once the command's event is projected. */
    static String expectedStatus(Object command) {
        if (command instanceof SubmitApplication) {
            return "SUBMITTED";
        }
        if (command instanceof ApproveInDistrict) {
            return "DISTRICT_APPROVED";
        }
        if (command instanceof RejectInDistrict) {
            return "DISTRICT_REJECTED";
        }
        if (command instanceof ScoreApplication) {
            return "SCORED";
        }
        if (command instanceof AwardApplication) {
            return "AWARDED";
        }
        if (command instanceof RejectApplication) {
            return "NOT_SELECTED";
        }
        if (command instanceof TopUpAward) {
            return "TOPPED_UP";
        }
        throw new IllegalArgumentException(command.toString());
    }

    /** How far along the lifecycle a status is (a later command's status implies the earlier ones). */
    static int stage(String status) {
        return switch (status) {
            case "SUBMITTED" -> 0;
            case "DISTRICT_APPROVED", "DISTRICT_REJECTED" -> 1;
            case "SCORED" -> 2;
            case "AWARDED", "NOT_SELECTED" -> 3;
            case "TOPPED_UP" -> 4;
            default -> -1;
        };
    }

    static BigDecimal expectedScore(Object command) {
        return command instanceof ScoreApplication score ? score.score() : null;
    }

    static String user(SampleCall.Step step) {
        return step.actor().role() == Role.ADMIN ? "admin" : step.actor().username();
    }
}
