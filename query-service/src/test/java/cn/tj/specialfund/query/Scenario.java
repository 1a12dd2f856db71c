package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Tier;

import java.util.UUID;

/**
 * Six applications through every stage, with every figure worked out by hand:
 * <ul>
 * <li>A 1.1 XIQING: eligible 6,000,000; awarded MUNICIPAL 1,200,000 (600,000 + 600,000), topped up by
 * 1,800,000 − 1,200,000 = 600,000 (300,000 + 300,000): support 1,800,000.</li>
 * <li>B 2.1 BINHAI: eligible 3,333,333.33 (plus 1,000,000 civil works), requested 666,666.66, scored 88.5,
 * undecided: exposure floor(666,666.66 / 2) = 333,333.33.</li>
 * <li>C 1.1 XIQING: scored 91, not selected.</li>
 * <li>D 1.2 HEPING: rejected by its district.</li>
 * <li>E 1.1 BINHAI: MIIT pilot claimable, eligible 10,000,000, requested 3,000,000 (= min(30 %, 5,000,000)),
 * scored 70, undecided: exposure 1,500,000.</li>
 * <li>F 1.3 DONGLI: awarded 246,913.57: district floor(123,456.785) = 123,456.78, city 123,456.79.</li>
 * </ul>
 */
public final class Scenario {

    public final Ledger ledger;
    public final UUID a;
    public final UUID b;
    public final UUID c;
    public final UUID d;
    public final UUID e;
    public final UUID f;

    public Scenario(Ledger ledger) {
        this.ledger = ledger;
        a = ledger.submit(Ledger.form("Alpha MES", Direction.D1_1, District.XIQING, "6000000", "0", "1200000", false),
                "6000000", "1200000", Tier.MUNICIPAL);
        b = ledger.submit(Ledger.form("Beta Platform", Direction.D2_1, District.BINHAI, "3333333.33", "1000000",
                "666666.66", false), "3333333.33", "666666.66", Tier.MUNICIPAL);
        c = ledger.submit(Ledger.form("Gamma ERP", Direction.D1_1, District.XIQING, "2000000", "0", "400000", false),
                "2000000", "400000", Tier.MUNICIPAL);
        d = ledger.submit(Ledger.form("Delta IoT", Direction.D1_2, District.HEPING, "1000000", "0", "200000", false),
                "1000000", "200000", Tier.MUNICIPAL);
        e = ledger.submit(Ledger.form("Epsilon Twin", Direction.D1_1, District.BINHAI, "10000000", "0", "3000000", true),
                "10000000", "3000000", Tier.MIIT_PILOT);
        f = ledger.submit(Ledger.form("Zeta Cloud", Direction.D1_3, District.DONGLI, "1234567.85", "0", "246913.57",
                false), "1234567.85", "246913.57", Tier.MUNICIPAL);
        ledger.approve(a);
        ledger.approve(b);
        ledger.approve(c);
        ledger.rejectInDistrict(d);
        ledger.approve(e);
        ledger.approve(f);
        ledger.score(a, "86.5");
        ledger.score(b, "88.5");
        ledger.score(c, "91");
        ledger.score(e, "70");
        ledger.score(f, "80");
        ledger.award(a, Tier.MUNICIPAL, "1200000", "600000", "600000");
        ledger.notSelected(c);
        ledger.award(f, Tier.MUNICIPAL, "246913.57", "123456.79", "123456.78");
        ledger.topUp(a, "600000", "300000", "300000", "1800000");
    }
}
