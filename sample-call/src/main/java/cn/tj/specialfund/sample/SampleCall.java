package cn.tj.specialfund.sample;

import cn.tj.specialfund.coreapi.ApproveInDistrict;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.HistoricalImport;
import cn.tj.specialfund.coreapi.RecordDisbursement;
import cn.tj.specialfund.coreapi.RejectApplication;
import cn.tj.specialfund.coreapi.RejectInDistrict;
import cn.tj.specialfund.coreapi.ReverseDisbursement;
import cn.tj.specialfund.coreapi.ScoreApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.Applicant;
import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.ConstructionStatus;
import cn.tj.specialfund.coreapi.value.CreditCode;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Expenditure;
import cn.tj.specialfund.coreapi.value.ExpenditureCategory;
import cn.tj.specialfund.coreapi.value.FundingRow;
import cn.tj.specialfund.coreapi.value.IndustrialInternetMetrics;
import cn.tj.specialfund.coreapi.value.Material;
import cn.tj.specialfund.coreapi.value.MiitPilot;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.PilotProgramme;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Tier;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A realistic call, generated from a seed: applications over the twelve directions and sixteen districts,
 * taken through every stage of the lifecycle by the users who would act on them (district officers,
 * the reviewer, the programme manager). Direction 1.1 ends with its cap of ten awards reached, a few
 * municipal awards are topped up after a later MIIT selection. The same seed always gives the same call,
 * ids included, so a loader can tell what it already wrote.
 *
 * <p>Every form satisfies the rules of the call; {@link #steps()} lists the commands in the order a
 * call runs, each at its time on the call's calendar ({@link CallCalendar}: submissions in September 2020,
 * district reviews, scoring, decisions in December, then top-ups and the payments of both shares through 2021).
 * Each step is the {@code sequence}-th event of its application, since every accepted command appends exactly
 * one event.
 */
public final class SampleCall {

    public static final long DEFAULT_SEED = 2020L;
    public static final int DEFAULT_COUNT = 230;
    /** Direction 1.1 alone needs a dozen applications to reach its cap and leave candidates. */
    public static final int MINIMUM_COUNT = 30;

    /** Where an application ends up once every step ran. */
    public enum Outcome {
        SUBMITTED, DISTRICT_REJECTED, DISTRICT_APPROVED, SCORED, NOT_SELECTED, AWARDED_MUNICIPAL,
        AWARDED_MIIT_PILOT, TOPPED_UP;

        public boolean reviewedByDistrict() {
            return this != SUBMITTED;
        }

        public boolean scored() {
            return this != SUBMITTED && this != DISTRICT_REJECTED && this != DISTRICT_APPROVED;
        }

        public boolean awarded() {
            return this == AWARDED_MUNICIPAL || this == AWARDED_MIIT_PILOT || this == TOPPED_UP;
        }
    }

    /** One application of the call and the fate the sample gives it. */
    public record PlannedApplication(UUID id, ApplicationForm form, Outcome outcome, List<BigDecimal> scores) {

        public BigDecimal finalScore() {
            return scores.isEmpty() ? null : scores.get(scores.size() - 1);
        }
    }

    /**
     * One command as its user issues it. {@code sequence} is the number of the event it appends to its
     * application (0 for the submission).
     */
    public record Step(UUID applicationId, int sequence, Actor actor, Object command, Instant at) {

        /**
         * Command metadata as the command side's REST layer would build it, plus the calendar time of a historical
         * import ({@link HistoricalImport#OCCURRED_AT}).
         */
        public Map<String, Object> metaData(String correlationId) {
            Map<String, Object> metaData = new LinkedHashMap<>(actor.asMetaData());
            metaData.put("correlationId", correlationId);
            metaData.put(HistoricalImport.OCCURRED_AT, at.toString());
            return metaData;
        }

        /**
         * A payment can only be imported: over HTTP its application is awarded today, after the payment's 2021 date,
         * and a reversal names the id the server gave the payment.
         */
        public boolean isPayment() {
            return command instanceof RecordDisbursement || command instanceof ReverseDisbursement;
        }

        /** The HTTP request of the contract for this step; {@code id} is the id the server gave the application. */
        public HttpRequest http(UUID id) {
            String base = "/api/applications/" + id;
            if (command instanceof SubmitApplication submit) {
                return new HttpRequest("/api/applications", submit.form());
            }
            if (command instanceof ApproveInDistrict approve) {
                return new HttpRequest(base + "/district-review", ordered("decision", "APPROVE",
                        "matchingCommitted", approve.matchingCommitted(), "comment", approve.comment()));
            }
            if (command instanceof RejectInDistrict reject) {
                return new HttpRequest(base + "/district-review", ordered("decision", "REJECT",
                        "matchingCommitted", false, "comment", reject.comment()));
            }
            if (command instanceof ScoreApplication score) {
                return new HttpRequest(base + "/score", ordered("score", score.score(), "reviewer", score.reviewer()));
            }
            if (command instanceof AwardApplication award) {
                return new HttpRequest(base + "/award", ordered("tier", award.tier().name()));
            }
            if (command instanceof RejectApplication reject) {
                return new HttpRequest(base + "/reject", ordered("reason", reject.reason()));
            }
            if (command instanceof TopUpAward topUp) {
                return new HttpRequest(base + "/top-up", ordered("miitPilot", topUp.miitPilot(),
                        "reviewReference", topUp.reviewReference()));
            }
            throw new IllegalStateException("no HTTP form for " + command + " (see isPayment())");
        }

        /** The demo user who acts for {@link #actor()} (password as in the {@code demo} profile). */
        public String demoPassword() {
            return actor.role() == Role.DISTRICT_OFFICER ? "district" : actor.username();
        }

        private static Map<String, Object> ordered(Object... keysAndValues) {
            Map<String, Object> body = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                body.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return body;
        }
    }

    /** A POST of the contract's API: the path and a body that serialises to the contract's JSON. */
    public record HttpRequest(String path, Object body) {
    }

    private final long seed;
    private final List<PlannedApplication> applications;
    private final List<Step> steps;

    private SampleCall(long seed, List<PlannedApplication> applications, List<Step> steps) {
        this.seed = seed;
        this.applications = List.copyOf(applications);
        this.steps = List.copyOf(steps);
    }

    /** The call the all-in-one loads with {@code --sample-call}. */
    public static SampleCall standard() {
        return generate(DEFAULT_SEED, DEFAULT_COUNT);
    }

    public static SampleCall generate(long seed, int count) {
        return generate(seed, count, "sample-call", null);
    }

    /**
     * One batch of a larger workload (the benchmark's): ids are named after {@code namespace}, and credit codes
     * are numbered from {@code firstSerial}, so batches given disjoint serial ranges never share an applicant.
     * Every batch plans direction 1.1's ten awards, so once one batch has them the later ones race a full cap.
     */
    public static SampleCall batch(String namespace, long seed, int count, long firstSerial) {
        return generate(seed, count, namespace, firstSerial);
    }

    private static SampleCall generate(long seed, int count, String namespace, Long firstSerial) {
        if (count < MINIMUM_COUNT) {
            throw new IllegalArgumentException("a sample call needs at least " + MINIMUM_COUNT + " applications");
        }
        return new Generator(seed, count, namespace, firstSerial).generate();
    }

    public long seed() {
        return seed;
    }

    /** In submission order. */
    public List<PlannedApplication> applications() {
        return applications;
    }

    /** Every step, in the order the call ran them, payments and reversals of 2021 included. */
    public List<Step> steps() {
        return steps;
    }

    /**
     * The steps that can be replayed over HTTP today: every one but the payments (see {@link Step#isPayment()}),
     * numbered again per application without them.
     */
    public List<Step> lifecycleSteps() {
        Map<UUID, Integer> sequence = new HashMap<>();
        return steps.stream().filter(step -> !step.isPayment())
                .map(step -> new Step(step.applicationId(), sequence.merge(step.applicationId(), 1, Integer::sum) - 1,
                        step.actor(), step.command(), step.at()))
                .toList();
    }

    public static final Actor REVIEWER = Actor.of("reviewer", Role.REVIEWER);
    public static final Actor MANAGER = Actor.of("manager", Role.PROGRAM_MANAGER);

    public static Actor officerOf(District district) {
        return Actor.districtOfficer("district-" + district.name().toLowerCase(Locale.ROOT), district);
    }

    private static final class Generator {

        private static final ProgramRules RULES = ProgramRules.CALL_2020;
        private static final Map<District, String> DIVISION_CODES = new EnumMap<>(District.class);
        /** Weight of each district in the call: the industrial districts apply most. */
        private static final Map<District, Integer> DISTRICT_WEIGHTS = new EnumMap<>(District.class);

        static {
            String[][] divisions = {{"HEPING", "120101", "2"}, {"HEDONG", "120102", "2"}, {"HEXI", "120103", "3"},
                    {"NANKAI", "120104", "4"}, {"HEBEI", "120105", "2"}, {"HONGQIAO", "120106", "1"},
                    {"DONGLI", "120110", "8"}, {"XIQING", "120111", "10"}, {"JINNAN", "120112", "6"},
                    {"BEICHEN", "120113", "8"}, {"WUQING", "120114", "8"}, {"BAODI", "120115", "4"},
                    {"NINGHE", "120117", "3"}, {"JINGHAI", "120118", "5"}, {"JIZHOU", "120119", "2"},
                    {"BINHAI", "120116", "20"}};
            for (String[] d : divisions) {
                DIVISION_CODES.put(District.valueOf(d[0]), d[1]);
                DISTRICT_WEIGHTS.put(District.valueOf(d[0]), Integer.parseInt(d[2]));
            }
        }

        private static final String[] NAME_STEMS = {"海泰", "滨港", "津科", "鑫茂", "华翔", "众诚", "泰达", "天锻",
                "恒瑞", "中环", "金桥", "宏达", "北洋", "渤化", "瑞普", "康宁", "凯发", "力神", "天汽", "航宇", "精诚",
                "博远", "通广", "七一二", "赛象", "新松", "汇智", "云帆", "长荣", "百利", "海鸥", "鹏翎", "东方", "利安"};
        private static final String[] NAME_TRADES = {"智能装备", "汽车零部件", "电子科技", "精密机械", "新材料",
                "信息技术", "重工", "医药", "化工", "纺织", "食品", "钢管制造", "电气", "软件", "物联科技", "数控"};
        private static final Map<Direction, String[]> THEMES = new EnumMap<>(Direction.class);

        static {
            THEMES.put(Direction.D1_1, new String[]{"关键工序数控化与信息系统集成应用", "全流程质量追溯系统集成应用", "生产制造执行系统集成应用"});
            THEMES.put(Direction.D1_2, new String[]{"5G+智能工厂应用", "人工智能视觉质检应用", "数字孪生车间应用"});
            THEMES.put(Direction.D1_3, new String[]{"大规模个性化定制", "网络化协同制造", "服务型制造平台"});
            THEMES.put(Direction.D1_4, new String[]{"设备健康管理大数据应用", "能耗优化大数据应用", "供应链大数据分析"});
            THEMES.put(Direction.D1_5, new String[]{"行业工业品电子商务平台", "原材料集采电商平台", "跨境工业电商平台"});
            THEMES.put(Direction.D1_6, new String[]{"制造业“双创”服务平台", "开放式研发众包平台", "中小企业协同创新平台"});
            THEMES.put(Direction.D1_7, new String[]{"工控安全防护集成应用", "工业数据安全管理", "安全可控信息系统集成"});
            THEMES.put(Direction.D2_1, new String[]{"跨行业跨领域工业互联网平台", "“双跨”平台能力提升"});
            THEMES.put(Direction.D2_2, new String[]{"行业工业互联网平台", "区域工业互联网平台"});
            THEMES.put(Direction.D2_3, new String[]{"企业级工业互联网平台", "集团级设备联网平台"});
            THEMES.put(Direction.D2_4, new String[]{"工业互联网安全监测平台", "工业互联网安全态势感知平台"});
            THEMES.put(Direction.D2_5, new String[]{"工业互联网测试床", "工业互联网试验验证环境"});
        }

        private static final List<ExpenditureCategory> ELIGIBLE = List.of(ExpenditureCategory.values()).stream()
                .filter(c -> !c.isExcludedFromSupport()).toList();
        private static final List<ExpenditureCategory> EXCLUDED = List.of(ExpenditureCategory.values()).stream()
                .filter(ExpenditureCategory::isExcludedFromSupport).toList();

        private final long seed;
        private final int count;
        private final Random random;
        private final String namespace;
        private final Set<String> creditBodies = new HashSet<>();
        private final Set<String> names = new HashSet<>();
        /** The next credit-code serial, or null for random bodies. */
        private Long serial;

        Generator(long seed, int count, String namespace, Long firstSerial) {
            this.seed = seed;
            this.namespace = namespace;
            this.serial = firstSerial;
            this.count = count;
            this.random = new Random(seed);
        }

        SampleCall generate() {
            List<Outcome> outcomes = new ArrayList<>();
            List<Direction> directions = new ArrayList<>();
            planDirection11(outcomes, directions);
            planOthers(outcomes, directions, count - outcomes.size());

            List<District> districts = districts(count);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);

            List<PlannedApplication> applications = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                int i = order.get(n);
                applications.add(application(n, directions.get(i), districts.get(n), outcomes.get(i)));
            }
            return new SampleCall(seed, applications, steps(applications));
        }

        /** 1.1: its ten awards (one later topped up), candidates left scored, some not selected or rejected. */
        private void planDirection11(List<Outcome> outcomes, List<Direction> directions) {
            add(outcomes, directions, Direction.D1_1, Outcome.AWARDED_MUNICIPAL, 7);
            add(outcomes, directions, Direction.D1_1, Outcome.AWARDED_MIIT_PILOT, 2);
            add(outcomes, directions, Direction.D1_1, Outcome.TOPPED_UP, 1);
            add(outcomes, directions, Direction.D1_1, Outcome.SCORED, Math.max(2, count / 50));
            add(outcomes, directions, Direction.D1_1, Outcome.NOT_SELECTED, count / 25);
            add(outcomes, directions, Direction.D1_1, Outcome.DISTRICT_REJECTED, count / 60);
            add(outcomes, directions, Direction.D1_1, Outcome.SUBMITTED, count / 100);
        }

        private void planOthers(List<Outcome> outcomes, List<Direction> directions, int remaining) {
            Map<Outcome, Integer> shares = new EnumMap<>(Outcome.class);
            shares.put(Outcome.SUBMITTED, 6);
            shares.put(Outcome.DISTRICT_REJECTED, 8);
            shares.put(Outcome.DISTRICT_APPROVED, 6);
            shares.put(Outcome.SCORED, 9);
            shares.put(Outcome.NOT_SELECTED, 25);
            shares.put(Outcome.AWARDED_MUNICIPAL, 33);
            shares.put(Outcome.AWARDED_MIIT_PILOT, 11);
            shares.put(Outcome.TOPPED_UP, 2);
            // every outcome at least once, the rest by share (largest remainder)
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            shares.keySet().forEach(o -> counts.put(o, 1));
            int rest = remaining - shares.size();
            List<double[]> remainders = new ArrayList<>();
            int given = 0;
            for (Outcome o : shares.keySet()) {
                double exact = rest * shares.get(o) / 100.0;
                counts.merge(o, (int) exact, Integer::sum);
                given += (int) exact;
                remainders.add(new double[]{exact - Math.floor(exact), o.ordinal()});
            }
            remainders.sort(Comparator.comparingDouble((double[] r) -> -r[0]).thenComparingDouble(r -> r[1]));
            for (int k = 0; given < rest; k++, given++) {
                counts.merge(Outcome.values()[(int) remainders.get(k)[1]], 1, Integer::sum);
            }
            List<Outcome> pool = new ArrayList<>();
            counts.forEach((o, c) -> pool.addAll(Collections.nCopies(c, o)));
            Collections.shuffle(pool, random);
            List<Direction> others = List.of(Direction.values()).subList(1, Direction.values().length);
            List<Direction> spread = new ArrayList<>(others);
            Collections.shuffle(spread, random);
            for (int i = 0; i < pool.size(); i++) {
                outcomes.add(pool.get(i));
                directions.add(spread.get(i % spread.size()));
            }
        }

        private static void add(List<Outcome> outcomes, List<Direction> directions, Direction direction,
                                Outcome outcome, int n) {
            for (int i = 0; i < n; i++) {
                outcomes.add(outcome);
                directions.add(direction);
            }
        }

        /** Every district at least once, the rest weighted towards the industrial districts. */
        private List<District> districts(int n) {
            List<District> result = new ArrayList<>(List.of(District.values()));
            int total = DISTRICT_WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
            while (result.size() < n) {
                int pick = random.nextInt(total);
                for (District d : District.values()) {
                    pick -= DISTRICT_WEIGHTS.get(d);
                    if (pick < 0) {
                        result.add(d);
                        break;
                    }
                }
            }
            Collections.shuffle(result, random);
            return result.subList(0, n);
        }

        private PlannedApplication application(int n, Direction direction, District district, Outcome outcome) {
            UUID id = UUID.nameUUIDFromBytes((namespace + ":" + seed + ":" + n).getBytes(StandardCharsets.UTF_8));
            boolean claimsMiit = outcome == Outcome.AWARDED_MIIT_PILOT
                    || (!outcome.awarded() && random.nextInt(100) < 15);
            MiitPilot pilot = claimsMiit ? new MiitPilot(programme(), 2019, true) : otherPilotClaim(outcome);

            boolean completed = random.nextInt(100) < 55;
            LocalDate start;
            LocalDate end;
            if (completed) {
                start = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(540));
                end = start.plusMonths(6 + random.nextInt(15));
                if (end.isAfter(LocalDate.of(2020, 6, 30))) {
                    end = LocalDate.of(2020, 6, 30);
                }
            } else {
                start = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(540));
                end = start.plusMonths(12 + random.nextInt(13));
            }

            // eligible investment in fen: 4–30 M yuan, MIIT pilots larger; odd fen on purpose
            long eligibleYuan = claimsMiit ? 8_000_000 + random.nextInt(22_000_000) : 4_000_000 + random.nextInt(26_000_000);
            long eligible = eligibleYuan * 100 + random.nextInt(100);
            long excluded = random.nextInt(100) < 35 ? eligible / 100 * (5 + random.nextInt(35)) : 0;

            Set<Material> materials = EnumSet.copyOf(RULES.requiredMaterials(
                    completed ? ConstructionStatus.COMPLETED : ConstructionStatus.IN_CONSTRUCTION));
            if (claimsMiit) {
                materials.add(Material.MIIT_APPROVAL);
            }
            boolean certified = random.nextInt(100) < 30;
            if (certified) {
                materials.add(Material.INTEGRATION_CERTIFICATE);
            }
            if (random.nextInt(100) < 20) {
                materials.add(Material.OTHER);
            }

            Tier claimable = claimsMiit ? Tier.MIIT_PILOT : Tier.MUNICIPAL;
            long ceiling = fen(RULES.ceiling(claimable, money(eligible)));
            long requested = random.nextInt(100) < 30 ? ceiling
                    : Math.max(100_000_00L, ceiling * (55 + random.nextInt(45)) / 100 / 1_000_000 * 1_000_000);
            requested = Math.min(requested, ceiling);

            List<Expenditure> expenditures = expenditures(direction, eligible, excluded, requested);
            List<FundingRow> funding = funding(start, end, eligible + excluded, requested);
            String company = company(district);
            String[] themes = THEMES.get(direction);
            ApplicationForm form = new ApplicationForm(
                    company.replace("有限公司", "") + themes[random.nextInt(themes.length)] + "项目",
                    direction,
                    new Applicant(company, creditCode(district), district),
                    completed ? ConstructionStatus.COMPLETED : ConstructionStatus.IN_CONSTRUCTION,
                    start, end, funding, expenditures, pilot, certified,
                    "预计年新增产值" + (2000 + random.nextInt(30000)) + "万元，生产效率提升" + (10 + random.nextInt(40))
                            + "%，运营成本降低" + (5 + random.nextInt(25)) + "%。",
                    direction.isIndustrialInternet() ? metrics() : null,
                    materials);
            RULES.checkSubmission(form);
            return new PlannedApplication(id, form, outcome, scores(outcome));
        }

        /** Some applicants mention an MIIT pilot that does not qualify (a participant, or another year). */
        private MiitPilot otherPilotClaim(Outcome outcome) {
            if (outcome == Outcome.TOPPED_UP || random.nextInt(100) >= 8) {
                return null;
            }
            return random.nextBoolean() ? new MiitPilot(programme(), 2019, false) : new MiitPilot(programme(), 2018, true);
        }

        private PilotProgramme programme() {
            return PilotProgramme.values()[random.nextInt(PilotProgramme.values().length)];
        }

        private List<Expenditure> expenditures(Direction direction, long eligible, long excluded, long requested) {
            List<ExpenditureCategory> categories = new ArrayList<>(ELIGIBLE);
            Collections.shuffle(categories, random);
            List<ExpenditureCategory> chosen = new ArrayList<>(categories.subList(0, 3 + random.nextInt(4)));
            ExpenditureCategory core = direction.isIndustrialInternet() ? ExpenditureCategory.SOFTWARE_DEVELOPMENT
                    : ExpenditureCategory.EQUIPMENT;
            if (!chosen.contains(core)) {
                chosen.set(0, core);
            }
            chosen.sort(Comparator.naturalOrder());
            long[] amounts = split(eligible, chosen.size(), 100_00);
            long[] special = new long[amounts.length];
            long assigned = 0;
            int largest = 0;
            for (int i = 0; i < amounts.length; i++) {
                special[i] = requested * amounts[i] / eligible / 100 * 100;
                assigned += special[i];
                if (amounts[i] > amounts[largest]) {
                    largest = i;
                }
            }
            special[largest] += requested - assigned;
            List<Expenditure> lines = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) {
                lines.add(new Expenditure(chosen.get(i), money(amounts[i]), money(special[i]), basis(chosen.get(i))));
            }
            if (excluded > 0) {
                List<ExpenditureCategory> kinds = new ArrayList<>(EXCLUDED);
                Collections.shuffle(kinds, random);
                int k = 1 + random.nextInt(2);
                long[] parts = split(excluded, k, 100_00);
                for (int i = 0; i < k; i++) {
                    lines.add(new Expenditure(kinds.get(i), money(parts[i]), Money.ZERO, basis(kinds.get(i))));
                }
            }
            return lines;
        }

        private List<FundingRow> funding(LocalDate start, LocalDate end, long total, long requested) {
            int first = Math.max(2018, start.getYear());
            int years = end.getYear() - first + 1;
            long[] totals = split(total, years, 100_00);
            long[] special = new long[years];
            long assigned = 0;
            for (int i = 0; i < years - 1; i++) {
                special[i] = requested * totals[i] / total / 100 * 100;
                assigned += special[i];
            }
            special[years - 1] = requested - assigned;
            List<FundingRow> rows = new ArrayList<>();
            for (int i = 0; i < years; i++) {
                rows.add(new FundingRow(first + i, money(totals[i]), money(totals[i] - special[i]), money(special[i])));
            }
            return rows;
        }

        /** Splits {@code whole} fen into {@code parts} positive parts, rounded to {@code unit} except the last. */
        private long[] split(long whole, int parts, long unit) {
            long[] weights = new long[parts];
            long sum = 0;
            for (int i = 0; i < parts; i++) {
                weights[i] = 2 + random.nextInt(9);
                sum += weights[i];
            }
            long[] result = new long[parts];
            long given = 0;
            for (int i = 0; i < parts - 1; i++) {
                result[i] = whole * weights[i] / sum / unit * unit;
                given += result[i];
            }
            result[parts - 1] = whole - given;
            return result;
        }

        private List<BigDecimal> scores(Outcome outcome) {
            if (!outcome.scored()) {
                return List.of();
            }
            int tenths = switch (outcome) {
                case AWARDED_MUNICIPAL, AWARDED_MIIT_PILOT, TOPPED_UP -> 800 + random.nextInt(160);
                case SCORED -> 700 + random.nextInt(100);
                default -> 550 + random.nextInt(200);
            };
            BigDecimal last = BigDecimal.valueOf(tenths, 1);
            if (random.nextInt(100) < 6) {
                // re-scored after the applicant supplied missing evidence; the latest score counts
                return List.of(BigDecimal.valueOf(tenths - 30 - random.nextInt(50), 1), last);
            }
            return List.of(last);
        }

        private String company(District district) {
            for (int attempt = 0; ; attempt++) {
                String name = "天津" + NAME_STEMS[random.nextInt(NAME_STEMS.length)]
                        + NAME_TRADES[random.nextInt(NAME_TRADES.length)] + (attempt > 3 ? "股份" : "") + "有限公司";
                if (names.add(name)) {
                    return name;
                }
            }
        }

        /** 9 (registered with the market regulator) 1 (enterprise), the district's division, a fresh body. */
        private CreditCode creditCode(District district) {
            String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            if (serial != null) {
                long n = serial++;
                char[] body = new char[8];
                for (int i = 7; i >= 0; i--) {
                    body[i] = alphabet.charAt((int) (n % alphabet.length()));
                    n /= alphabet.length();
                }
                return CreditCode.complete("91" + DIVISION_CODES.get(district) + new String(body));
            }
            while (true) {
                StringBuilder body = new StringBuilder("MA0");
                for (int i = 0; i < 5; i++) {
                    body.append(alphabet.charAt(random.nextInt(i == 0 ? 10 : alphabet.length())));
                }
                String first16 = "91" + DIVISION_CODES.get(district) + body;
                if (creditBodies.add(body.toString())) {
                    return CreditCode.complete(first16);
                }
            }
        }

        private IndustrialInternetMetrics metrics() {
            return new IndustrialInternetMetrics(500 + random.nextInt(20_000), 2_000 + random.nextInt(200_000),
                    5 + random.nextInt(200), 10 + random.nextInt(500), 5 + random.nextInt(300),
                    1_000 + random.nextInt(100_000), 50 + random.nextInt(5_000));
        }

        private static String basis(ExpenditureCategory category) {
            return switch (category) {
                case DESIGN -> "设计合同及报价";
                case EQUIPMENT -> "设备采购合同及发票";
                case SOFTWARE_PURCHASE -> "软件采购合同";
                case SOFTWARE_DEVELOPMENT -> "开发人月测算";
                case NETWORK -> "网络建设方案报价";
                case CLOUD_SERVICES -> "云服务订购单";
                case INTEGRATION -> "系统集成合同";
                case TESTING_OUTSOURCING -> "第三方测试合同";
                case EXPERT_CONSULTING -> "咨询服务合同";
                case LOAN_INTEREST -> "贷款合同及付息凭证";
                case AUDIT_MANAGEMENT -> "审计服务报价";
                case OTHER -> "其他费用明细";
                case DIGITAL_PRODUCTION_EQUIPMENT -> "数字化生产设备采购合同";
                case TEST_INSTRUMENTS -> "测试仪器采购合同";
                case CIVIL_WORKS -> "土建工程预算书";
            };
        }

        private List<Step> steps(List<PlannedApplication> applications) {
            Map<UUID, Integer> sequence = new LinkedHashMap<>();
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < applications.size(); i++) {
                PlannedApplication a = applications.get(i);
                add(steps, sequence, a.id(), officerOf(district(a)), new SubmitApplication(a.id(), a.form()),
                        CallCalendar.SUBMISSIONS.slot(i, applications.size()));
            }
            List<PlannedApplication> reviewed = applications.stream().filter(a -> a.outcome().reviewedByDistrict()).toList();
            for (int i = 0; i < reviewed.size(); i++) {
                PlannedApplication a = reviewed.get(i);
                Object review = a.outcome() == Outcome.DISTRICT_REJECTED
                        ? new RejectInDistrict(a.id(), "建设内容与申报方向不符，不予推荐")
                        : new ApproveInDistrict(a.id(), true, "材料齐全，同意推荐，区级1:1配套资金已落实");
                add(steps, sequence, a.id(), officerOf(district(a)), review, CallCalendar.DISTRICT_REVIEWS.slot(i, reviewed.size()));
            }
            int scores = applications.stream().mapToInt(a -> a.scores().size()).sum();
            int scored = 0;
            for (PlannedApplication a : applications) {
                for (BigDecimal score : a.scores()) {
                    add(steps, sequence, a.id(), REVIEWER, new ScoreApplication(a.id(), score, "第三方评审机构"),
                            CallCalendar.SCORING.slot(scored++, scores));
                }
            }
            // the manager decides direction by direction, best score first
            List<PlannedApplication> decided = applications.stream()
                    .filter(a -> a.outcome().awarded() || a.outcome() == Outcome.NOT_SELECTED)
                    .sorted(Comparator.comparing((PlannedApplication a) -> a.form().direction())
                            .thenComparing(PlannedApplication::finalScore, Comparator.reverseOrder()))
                    .toList();
            Map<UUID, Instant> decidedAt = new LinkedHashMap<>();
            for (int i = 0; i < decided.size(); i++) {
                PlannedApplication a = decided.get(i);
                Object decision = switch (a.outcome()) {
                    case AWARDED_MIIT_PILOT -> new AwardApplication(a.id(), Tier.MIIT_PILOT);
                    case NOT_SELECTED -> new RejectApplication(a.id(), "综合评分未进入支持范围");
                    default -> new AwardApplication(a.id(), Tier.MUNICIPAL);
                };
                Instant at = CallCalendar.DECISIONS.slot(i, decided.size());
                decidedAt.put(a.id(), at);
                add(steps, sequence, a.id(), MANAGER, decision, at);
            }
            // 2021: top-ups and the payments of both shares, in the order they happened
            List<PlannedApplication> toppedUp = applications.stream().filter(a -> a.outcome() == Outcome.TOPPED_UP).toList();
            List<Step> later = new ArrayList<>();
            Map<UUID, Instant> toppedUpAt = new LinkedHashMap<>();
            for (int i = 0; i < toppedUp.size(); i++) {
                PlannedApplication a = toppedUp.get(i);
                Instant at = CallCalendar.TOP_UPS.slot(i, toppedUp.size());
                toppedUpAt.put(a.id(), at);
                later.add(new Step(a.id(), -1, MANAGER, new TopUpAward(a.id(),
                        new MiitPilot(PilotProgramme.INDUSTRIAL_INTERNET_INNOVATION, 2020, true),
                        "工信部2020年试点示范项目名单"), at));
            }
            later.addAll(new PaymentPlan(namespace, seed).steps(decided, decidedAt, toppedUpAt));
            later.sort(Comparator.comparing(Step::at));
            for (Step step : later) {
                add(steps, sequence, step.applicationId(), step.actor(), step.command(), step.at());
            }
            return steps;
        }

        private static District district(PlannedApplication a) {
            return a.form().applicant().district();
        }

        private static void add(List<Step> steps, Map<UUID, Integer> sequence, UUID applicationId, Actor actor,
                                Object command, Instant at) {
            int next = sequence.merge(applicationId, 1, Integer::sum) - 1;
            steps.add(new Step(applicationId, next, actor, command, at));
        }

        private static Money money(long fen) {
            return Money.of(BigDecimal.valueOf(fen, 2));
        }

        private static long fen(Money money) {
            return money.amount().movePointRight(2).longValueExact();
        }
    }
}
