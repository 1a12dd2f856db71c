package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.query.projection.CallDays;
import cn.tj.specialfund.query.projection.KeptFigures;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's sums per Beijing day of commitment, direction, district and tier, in {@code commitment_day_total},
 * kept by the finance projection in the same transactions as the lines: finance's totals are a sum over these
 * rows (and the lines of a partial last day) instead of over every line.
 */
final class CommitmentTotals {

    static final String TABLE = "commitment_day_total";

    record Key(LocalDate committedOn, String direction, String district, String tier) {

        static final Comparator<Key> ORDER = Comparator.comparing(Key::committedOn).thenComparing(Key::direction)
                .thenComparing(Key::district).thenComparing(Key::tier);
    }

    record Sums(BigDecimal amount, BigDecimal municipalShare, BigDecimal districtShare, long entries) {

        Sums plus(Sums other) {
            return new Sums(amount.add(other.amount), municipalShare.add(other.municipalShare),
                    districtShare.add(other.districtShare), entries + other.entries);
        }
    }

    /** Sums gathered from ledger lines, in key order. */
    static final class Changes {

        private final Map<Key, Sums> sums = new TreeMap<>(Key.ORDER);

        void add(Collection<Commitment> lines) {
            for (Commitment line : lines) {
                sums.merge(new Key(CallDays.of(line.at()), line.direction(), line.district(), line.tier()),
                        new Sums(line.amount(), line.municipalShare(), line.districtShare(), 1), Sums::plus);
            }
        }

        Map<Key, Sums> sums() {
            return sums;
        }

        private List<Object[]> rows() {
            List<Object[]> rows = new ArrayList<>();
            sums.forEach((key, s) -> rows.add(new Object[]{key.committedOn(), key.direction(), key.district(),
                    key.tier(), s.amount(), s.municipalShare(), s.districtShare(), s.entries()}));
            return rows;
        }
    }

    private final JdbcTemplate jdbc;
    private final KeptFigures table;

    CommitmentTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.table = new KeptFigures(jdbc, TABLE, List.of("committed_on", "direction", "district", "tier"),
                List.of("amount", "municipal_share", "district_share", "entries"));
    }

    void add(Changes changes) {
        table.add(changes.rows());
    }

    /** Sets every figure to what {@code changes}, gathered from nothing, says; inside the caller's transaction. */
    void replaceAll(Changes changes) {
        table.replaceAll(changes.rows());
    }

    Map<Key, Sums> all() {
        Map<Key, Sums> all = new TreeMap<>(Key.ORDER);
        jdbc.query("SELECT committed_on, direction, district, tier, amount, municipal_share, district_share, entries "
                + "FROM " + TABLE, rs -> {
            all.put(new Key(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4)),
                    new Sums(rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getLong(8)));
        });
        return all;
    }
}
