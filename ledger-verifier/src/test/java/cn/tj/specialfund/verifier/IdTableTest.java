package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit's table of event ids and aggregates' last sequence numbers: every id kept, UUIDs or not. */
class IdTableTest {

    @Test
    void keepsEveryIdAndItsValueThroughGrowth() {
        IdTable table = new IdTable(true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            assertThat(table.put(id, i)).isEqualTo(IdTable.ABSENT);
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(table.get(ids.get(i), -1)).isEqualTo(i);
        }
        assertThat(table.put(ids.get(7), 70)).isEqualTo(7);
        assertThat(table.get(ids.get(7), -1)).isEqualTo(70);
        assertThat(table.get(UUID.randomUUID().toString(), -1)).isEqualTo(-1);
    }

    @Test
    void asASetItAnswersWhetherItHeldTheId() {
        IdTable set = new IdTable(false);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add(UUID.randomUUID().toString());
            assertThat(set.put(ids.get(i), 0)).isEqualTo(IdTable.ABSENT);
        }
        ids.forEach(id -> assertThat(set.put(id, 0)).isZero());
        assertThat(set.put("00000000-0000-0000-0000-000000000000", 0)).isEqualTo(IdTable.ABSENT);
        assertThat(set.put("00000000-0000-0000-0000-000000000000", 0)).isZero();
    }

    @Test
    void idsThatAreNotLowercaseUuidsAreKeptAsTheyAre() {
        IdTable table = new IdTable(true);
        String upper = "3F2C1D0E-0000-4000-8000-000000000001";
        assertThat(table.put(upper, 1)).isEqualTo(IdTable.ABSENT);
        assertThat(table.put(upper.toLowerCase(), 2)).isEqualTo(IdTable.ABSENT);
        assertThat(table.put("forged-event", 3)).isEqualTo(IdTable.ABSENT);
        assertThat(table.put("forged-event", 4)).isEqualTo(3);
        assertThat(table.get(upper, -1)).isEqualTo(1);
        assertThat(table.get(upper.toLowerCase(), -1)).isEqualTo(2);
        assertThat(table.get(null, -1)).isEqualTo(-1);
    }
}
