package cn.tj.specialfund.command;

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

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A valid completed 1.1 project in XIQING (6,000,000 invested, 1,200,000 requested), varied per test. */
final class Forms {

    static final CreditCode CREDIT_CODE = CreditCode.of("91120116050123455B");
    static final Set<Material> COMPLETE_MATERIALS = EnumSet.of(Material.APPLICATION_FORM, Material.CONSTRUCTION_PLAN,
            Material.ASSESSMENT_REPORT, Material.INVESTMENT_PROOF);

    private String projectName = "MES and ERP integration";
    private Direction direction = Direction.D1_1;
    private District district = District.XIQING;
    private ConstructionStatus status = ConstructionStatus.COMPLETED;
    private LocalDate start = LocalDate.of(2019, 3, 1);
    private LocalDate end = LocalDate.of(2020, 6, 30);
    private List<FundingRow> funding = List.of(row(2019, "6000000", "4800000", "1200000"));
    private List<Expenditure> expenditures = List.of(line(ExpenditureCategory.SOFTWARE_DEVELOPMENT, "6000000", "1200000"));
    private MiitPilot miitPilot;
    private IndustrialInternetMetrics industrialInternet;
    private Set<Material> materials = EnumSet.copyOf(COMPLETE_MATERIALS);

    static Forms valid() {
        return new Forms();
    }

    static FundingRow row(int year, String total, String selfRaised, String specialFunds) {
        return new FundingRow(year, Money.of(total), Money.of(selfRaised), Money.of(specialFunds));
    }

    static Expenditure line(ExpenditureCategory category, String amount, String specialFunds) {
        return new Expenditure(category, Money.of(amount), Money.of(specialFunds), "quotation");
    }

    static IndustrialInternetMetrics someIndicators() {
        return new IndustrialInternetMetrics(1200, 30000, 12, 45, 80, 5000, 300);
    }

    Forms direction(Direction direction) {
        this.direction = direction;
        this.industrialInternet = direction.isIndustrialInternet() ? someIndicators() : null;
        return this;
    }

    Forms district(District district) {
        this.district = district;
        return this;
    }

    Forms inConstruction(LocalDate start, LocalDate end) {
        this.status = ConstructionStatus.IN_CONSTRUCTION;
        this.start = start;
        this.end = end;
        return this;
    }

    Forms budget(List<FundingRow> funding, List<Expenditure> expenditures) {
        this.funding = funding;
        this.expenditures = expenditures;
        return this;
    }

    /** A 2019 MIIT pilot claimed as lead applicant with the approval attached: the MIIT_PILOT tier is claimable. */
    Forms miitPilot2019() {
        this.miitPilot = new MiitPilot(PilotProgramme.INDUSTRIAL_INTERNET_INNOVATION, 2019, true);
        this.materials.add(Material.MIIT_APPROVAL);
        return this;
    }

    Forms miitPilot(MiitPilot pilot) {
        this.miitPilot = pilot;
        return this;
    }

    Forms industrialInternet(IndustrialInternetMetrics metrics) {
        this.industrialInternet = metrics;
        return this;
    }

    Forms materials(Material... materials) {
        this.materials = materials.length == 0 ? EnumSet.noneOf(Material.class) : EnumSet.of(materials[0], materials);
        return this;
    }

    Forms withoutMaterial(Material material) {
        this.materials.remove(material);
        return this;
    }

    ApplicationForm build() {
        return new ApplicationForm(projectName, direction, new Applicant("Tianjin Example Co., Ltd.", CREDIT_CODE, district),
                status, start, end, funding, expenditures, miitPilot, false, "shorter lead times", industrialInternet,
                materials);
    }
}
