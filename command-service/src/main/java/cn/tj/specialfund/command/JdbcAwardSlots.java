package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.Direction;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * The capped directions' award counters, one row per direction in {@code award_slot}. Taking a slot is a
 * single conditional increment: the row lock it takes serialises concurrent awards of the direction until
 * their transactions end, on any number of replicas, and a refusal after the reservation (422) rolls the
 * increment back with everything else.
 */
@Component
class JdbcAwardSlots implements AwardSlots, InitializingBean {

    private final JdbcTemplate jdbc;
    private final ProgramRules rules;

    @Autowired
    JdbcAwardSlots(JdbcTemplate jdbc) {
        this(jdbc, ProgramRules.CALL_2020);
    }

    JdbcAwardSlots(JdbcTemplate jdbc, ProgramRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /** Makes sure every capped direction has its counter, with the cap the rules set; replicas may race here. */
    @Override
    public void afterPropertiesSet() {
        for (Map.Entry<Direction, Integer> cap : rules.directionCaps().entrySet()) {
            String direction = cap.getKey().code();
            if (jdbc.update("UPDATE award_slot SET cap = ? WHERE direction = ?", cap.getValue(), direction) == 0) {
                try {
                    jdbc.update("INSERT INTO award_slot (direction, cap, awarded) VALUES (?, ?, 0)",
                            direction, cap.getValue());
                } catch (DuplicateKeyException anotherReplicaSeededIt) {
                    jdbc.update("UPDATE award_slot SET cap = ? WHERE direction = ?", cap.getValue(), direction);
                }
            }
        }
    }

    @Override
    public void reserve(Direction direction, UUID applicationId) {
        Integer cap = rules.capOf(direction).orElse(null);
        if (cap == null) {
            return;
        }
        int taken = jdbc.update("UPDATE award_slot SET awarded = awarded + 1 WHERE direction = ? AND awarded < cap",
                direction.code());
        if (taken == 0) {
            throw new RuleViolation(ErrorCode.DIRECTION_CAP_REACHED, new Detail(
                    "支持方向 " + direction.code() + " 支持项目数量不超过 " + cap + " 个，名额已满，项目 " + applicationId
                            + " 不能再获立项支持",
                    "direction " + direction.code() + " supports at most " + cap + " projects; every one is awarded, so "
                            + applicationId + " cannot be"));
        }
    }
}
