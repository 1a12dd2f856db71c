package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.value.Direction;

import java.util.UUID;

/** Set-based guard for capped directions (1.1: at most 10 supported projects), across replicas. */
interface AwardSlots {

    /**
     * Takes one slot of the direction in the command's transaction; a no-op where the call sets no cap.
     *
     * @throws cn.tj.specialfund.coreapi.rules.RuleViolation DIRECTION_CAP_REACHED when every slot is taken
     */
    void reserve(Direction direction, UUID applicationId);
}
