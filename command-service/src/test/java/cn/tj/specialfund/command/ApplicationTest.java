package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationNotSelected;
import cn.tj.specialfund.coreapi.ApplicationScored;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.ApproveInDistrict;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DistrictApproved;
import cn.tj.specialfund.coreapi.DistrictRejected;
import cn.tj.specialfund.coreapi.RejectApplication;
import cn.tj.specialfund.coreapi.RejectInDistrict;
import cn.tj.specialfund.coreapi.ScoreApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.ExpenditureCategory;
import cn.tj.specialfund.coreapi.value.Material;
import cn.tj.specialfund.coreapi.value.MiitPilot;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.PilotProgramme;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Tier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.tj.specialfund.command.Forms.line;
import static cn.tj.specialfund.command.Forms.row;
import static cn.tj.specialfund.coreapi.value.ExpenditureCategory.CIVIL_WORKS;
import static cn.tj.specialfund.coreapi.value.ExpenditureCategory.DIGITAL_PRODUCTION_EQUIPMENT;
import static cn.tj.specialfund.coreapi.value.ExpenditureCategory.SOFTWARE_DEVELOPMENT;
import static cn.tj.specialfund.coreapi.value.ExpenditureCategory.TEST_INSTRUMENTS;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of the call (contract §1) and every transition of the lifecycle (§2), given / when / then. */
class ApplicationTest {

    private static final UUID ID = UUID.fromString("6f1c2a9e-7d0b-4c55-9a57-3e1f7c1d2b40");
    private static final Map<String, Object> OFFICER = Actor.districtOfficer("district-xiqing", District.XIQING).asMetaData();
    private static final Map<String, Object> OTHER_OFFICER = Actor.districtOfficer("district-hexi", District.HEXI).asMetaData();
    private static final Map<String, Object> ADMIN = Actor.of("admin", Role.ADMIN).asMetaData();
    private static final Map<String, Object> REVIEWER = Actor.of("reviewer", Role.REVIEWER).asMetaData();
    private static final Map<String, Object> MANAGER = Actor.of("manager", Role.PROGRAM_MANAGER).asMetaData();
    private static final MiitPilot LED_2020_PILOT = new MiitPilot(PilotProgramme.MANUFACTURING_INTERNET_INTEGRATION, 2020, true);

    private FixtureConfiguration<Application> fixture;
    private final Set<String> registeredCreditCodes = new HashSet<>();
    private final List<Direction> reservedSlots = new ArrayList<>();
    private boolean capReached;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
        fixture.registerInjectableResource((ApplicantRegistry) (creditCode, applicationId) -> {
            if (!registeredCreditCodes.add(creditCode.value())) {
                throw new RuleViolation(ErrorCode.DUPLICATE_APPLICANT, new Detail("已申报", "already applied"));
            }
        });
        fixture.registerInjectableResource((AwardSlots) (direction, applicationId) -> {
            if (capReached) {
                throw new RuleViolation(ErrorCode.DIRECTION_CAP_REACHED, new Detail("名额已满", "cap reached"));
            }
            reservedSlots.add(direction);
        });
    }

    static Matcher<Exception> violation(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Exception item) {
                return item instanceof RuleViolation violation && violation.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RuleViolation " + code);
            }
        };
    }

    private static ApplicationSubmitted submitted(ApplicationForm form, String eligible, String requested, Tier claimable) {
        return new ApplicationSubmitted(ID, form, Money.of(eligible), Money.of(requested), claimable);
    }

    private static ApplicationSubmitted submittedDefault() {
        return submitted(Forms.valid().build(), "6000000", "1200000", Tier.MUNICIPAL);
    }

    private static DistrictApproved approved() {
        return new DistrictApproved(ID, District.XIQING, true, "recommended");
    }

    private static ApplicationScored scored(String score) {
        return new ApplicationScored(ID, new BigDecimal(score), "third-party panel");
    }

    private static ApplicationAwarded awarded(Tier tier, String amount, String municipal, String district) {
        return new ApplicationAwarded(ID, Direction.D1_1, District.XIQING, tier, Money.of(amount), Money.of(municipal),
                Money.of(district));
    }

    private TestExecutor<Application> givenScored(ApplicationSubmitted submitted) {
        return fixture.given(submitted, approved(), scored("86.5"));
    }

    private void assertRefusedOnSubmission(ApplicationForm form, ErrorCode code) {
        Set<String> before = Set.copyOf(registeredCreditCodes);
        fixture.givenNoPriorActivity()
                .when(new SubmitApplication(ID, form), OFFICER)
                .expectException(violation(code))
                .expectNoEvents();
        // A refused command's transaction rolls back, and with it the registration.
        registeredCreditCodes.retainAll(before);
    }

    @Nested
    @DisplayName("submission")
    class Submission {

        @Test
        void aValidApplicationIsSubmittedWithItsEligibleInvestmentAndRequest() {
            ApplicationForm form = Forms.valid().build();
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, form), OFFICER)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(submitted(form, "6000000", "1200000", Tier.MUNICIPAL));
        }

        @Test
        void anAdminMaySubmitForAnyDistrict() {
            ApplicationForm form = Forms.valid().district(District.BINHAI).build();
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, form), ADMIN)
                    .expectEvents(submitted(form, "6000000", "1200000", Tier.MUNICIPAL));
        }

        @Test
        void onlyAnOfficerOfTheApplicantsDistrictMaySubmit() {
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, Forms.valid().build()), OTHER_OFFICER)
                    .expectException(violation(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, Forms.valid().build()), MANAGER)
                    .expectException(violation(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void oneApplicationPerApplicantInTheCall() {
            registeredCreditCodes.add(Forms.CREDIT_CODE.value());
            assertRefusedOnSubmission(Forms.valid().build(), ErrorCode.DUPLICATE_APPLICANT);
        }

        @Test
        void aDuplicateApplicantIsAConflictBeforeAnyRuleOfTheCall() {
            registeredCreditCodes.add(Forms.CREDIT_CODE.value());
            assertRefusedOnSubmission(Forms.valid().withoutMaterial(Material.ASSESSMENT_REPORT).build(),
                    ErrorCode.DUPLICATE_APPLICANT);
        }

        @Test
        void investmentCountsOnlyFrom2018() {
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2017, "1000000", "800000", "200000"), row(2019, "5000000", "4000000", "1000000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "6000000", "1200000"))).build(),
                    ErrorCode.INVESTMENT_BEFORE_CUTOFF);
        }

        @Test
        void aProjectUnderConstructionMayTakeAtMostTwoYears() {
            assertRefusedOnSubmission(Forms.valid()
                    .inConstruction(LocalDate.of(2019, 7, 1), LocalDate.of(2021, 7, 2)).build(),
                    ErrorCode.CONSTRUCTION_PERIOD_TOO_LONG);
        }

        @Test
        void exactlyTwoYearsOfConstructionIsAllowed() {
            ApplicationForm form = Forms.valid().inConstruction(LocalDate.of(2019, 7, 1), LocalDate.of(2021, 7, 1)).build();
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, form), OFFICER)
                    .expectEvents(submitted(form, "6000000", "1200000", Tier.MUNICIPAL));
        }

        @Test
        void excludedCategoriesMayNotRequestSpecialFunds() {
            for (ExpenditureCategory excluded : List.of(DIGITAL_PRODUCTION_EQUIPMENT, TEST_INSTRUMENTS, CIVIL_WORKS)) {
                assertRefusedOnSubmission(Forms.valid().budget(
                        List.of(row(2019, "6000000", "4800000", "1200000")),
                        List.of(line(SOFTWARE_DEVELOPMENT, "5000000", "1000000"), line(excluded, "1000000", "200000"))).build(),
                        ErrorCode.EXCLUDED_COST_FUNDED);
            }
        }

        @Test
        void excludedCategoriesCountInTotalButNotInEligibleInvestment() {
            ApplicationForm form = Forms.valid().budget(
                    List.of(row(2019, "6000000", "4900000", "1100000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "5500000", "1100000"), line(CIVIL_WORKS, "500000", "0"))).build();
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, form), OFFICER)
                    .expectEvents(submitted(form, "5500000", "1100000", Tier.MUNICIPAL));
        }

        @Test
        void theApplicationFormPlanAndAssessmentReportAreAlwaysRequired() {
            for (Material required : List.of(Material.APPLICATION_FORM, Material.CONSTRUCTION_PLAN, Material.ASSESSMENT_REPORT)) {
                assertRefusedOnSubmission(Forms.valid().withoutMaterial(required).build(), ErrorCode.MISSING_MATERIAL);
            }
        }

        @Test
        void aCompletedProjectMustProveItsInvestment() {
            assertRefusedOnSubmission(Forms.valid().withoutMaterial(Material.INVESTMENT_PROOF).build(),
                    ErrorCode.MISSING_MATERIAL);
        }

        @Test
        void aProjectUnderConstructionNeedsNoInvestmentProof() {
            ApplicationForm form = Forms.valid().inConstruction(LocalDate.of(2020, 1, 1), LocalDate.of(2021, 6, 30))
                    .materials(Material.APPLICATION_FORM, Material.CONSTRUCTION_PLAN, Material.ASSESSMENT_REPORT).build();
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, form), OFFICER)
                    .expectEvents(submitted(form, "6000000", "1200000", Tier.MUNICIPAL));
        }

        @Test
        void industrialInternetDirectionsMustReportTheIndicators() {
            assertRefusedOnSubmission(Forms.valid().direction(Direction.D2_3).industrialInternet(null).build(),
                    ErrorCode.INDUSTRIAL_INTERNET_METRICS);
        }

        @Test
        void integrationDirectionsDoNotReportIndustrialInternetIndicators() {
            assertRefusedOnSubmission(Forms.valid().industrialInternet(Forms.someIndicators()).build(),
                    ErrorCode.INDUSTRIAL_INTERNET_METRICS);
        }

        @Test
        void anIndustrialInternetProjectWithIndicatorsIsAccepted() {
            ApplicationForm form = Forms.valid().direction(Direction.D2_3).build();
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, form), OFFICER)
                    .expectEvents(submitted(form, "6000000", "1200000", Tier.MUNICIPAL));
        }

        @Test
        void eachFundingRowTotalIsSelfRaisedPlusSpecialFunds() {
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2019, "6000000", "4800000", "1100000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "6000000", "1100000"))).build(), ErrorCode.BUDGET_INCONSISTENT);
        }

        @Test
        void expendituresMustAddUpToTheFunding() {
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2019, "6000000", "4800000", "1200000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "5900000", "1200000"))).build(), ErrorCode.BUDGET_INCONSISTENT);
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2019, "6000000", "4800000", "1200000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "6000000", "1100000"))).build(), ErrorCode.BUDGET_INCONSISTENT);
        }

        @Test
        void noLineRequestsMoreSpecialFundsThanItsAmount() {
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2019, "6000000", "4800000", "1200000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "5000000", "200000"), line(ExpenditureCategory.NETWORK, "1000000", "1000000.01")))
                    .build(), ErrorCode.BUDGET_INCONSISTENT);
        }

        @Test
        void noYearOrCategoryAppearsTwiceAndBothTablesHaveRows() {
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2019, "3000000", "2400000", "600000"), row(2019, "3000000", "2400000", "600000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "6000000", "1200000"))).build(), ErrorCode.BUDGET_INCONSISTENT);
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2019, "6000000", "4800000", "1200000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "3000000", "600000"), line(SOFTWARE_DEVELOPMENT, "3000000", "600000")))
                    .build(), ErrorCode.BUDGET_INCONSISTENT);
            assertRefusedOnSubmission(Forms.valid().budget(List.of(), List.of()).build(), ErrorCode.BUDGET_INCONSISTENT);
        }

        @Test
        void theRequestMayNotExceedTheMunicipalCeilingOf20Percent() {
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2019, "6000000", "4799999.99", "1200000.01")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "6000000", "1200000.01"))).build(),
                    ErrorCode.REQUEST_EXCEEDS_CEILING);
        }

        @Test
        void theMunicipalCeilingIsCappedAtThreeMillion() {
            assertRefusedOnSubmission(Forms.valid().budget(
                    List.of(row(2019, "20000000", "16999999.99", "3000000.01")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "20000000", "3000000.01"))).build(),
                    ErrorCode.REQUEST_EXCEEDS_CEILING);
        }

        @Test
        void aLeadApplicantOfA2019MiitPilotMayRequestUpTo30Percent() {
            ApplicationForm form = Forms.valid().miitPilot2019().budget(
                    List.of(row(2019, "6000000", "4200000", "1800000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "6000000", "1800000"))).build();
            fixture.givenNoPriorActivity()
                    .when(new SubmitApplication(ID, form), OFFICER)
                    .expectEvents(submitted(form, "6000000", "1800000", Tier.MIIT_PILOT));
        }

        @Test
        void aPilotClaimWithoutLeadOrApprovalOnlyReachesTheMunicipalCeiling() {
            List<cn.tj.specialfund.coreapi.value.FundingRow> funding = List.of(row(2019, "6000000", "4200000", "1800000"));
            List<cn.tj.specialfund.coreapi.value.Expenditure> lines = List.of(line(SOFTWARE_DEVELOPMENT, "6000000", "1800000"));
            assertRefusedOnSubmission(Forms.valid().budget(funding, lines)
                    .miitPilot(new MiitPilot(PilotProgramme.INDUSTRIAL_INTERNET_INNOVATION, 2019, false)).build(),
                    ErrorCode.REQUEST_EXCEEDS_CEILING);
            assertRefusedOnSubmission(Forms.valid().budget(funding, lines)
                    .miitPilot(new MiitPilot(PilotProgramme.INDUSTRIAL_INTERNET_INNOVATION, 2019, true)).build(),
                    ErrorCode.REQUEST_EXCEEDS_CEILING);
            assertRefusedOnSubmission(Forms.valid().budget(funding, lines)
                    .miitPilot(new MiitPilot(PilotProgramme.INDUSTRIAL_INTERNET_INNOVATION, 2018, true)).build(),
                    ErrorCode.REQUEST_EXCEEDS_CEILING);
        }
    }

    @Nested
    @DisplayName("district review")
    class DistrictReview {

        @Test
        void theDistrictApprovesWithItsMatchingCommitment() {
            fixture.given(submittedDefault())
                    .when(new ApproveInDistrict(ID, true, "recommended"), OFFICER)
                    .expectEvents(approved())
                    .expectResultMessagePayload(ApplicationStatus.DISTRICT_APPROVED);
        }

        @Test
        void approvalRequiresTheOneToOneMatchingCommitment() {
            fixture.given(submittedDefault())
                    .when(new ApproveInDistrict(ID, false, "no budget"), OFFICER)
                    .expectException(violation(ErrorCode.MATCHING_NOT_COMMITTED))
                    .expectNoEvents();
        }

        @Test
        void theDistrictMayReject() {
            fixture.given(submittedDefault())
                    .when(new RejectInDistrict(ID, "incomplete"), OFFICER)
                    .expectEvents(new DistrictRejected(ID, District.XIQING, "incomplete"))
                    .expectResultMessagePayload(ApplicationStatus.DISTRICT_REJECTED);
        }

        @Test
        void onlyAnOfficerOfTheApplicationsDistrictReviews() {
            for (Map<String, Object> actor : List.of(OTHER_OFFICER, ADMIN, MANAGER)) {
                fixture.given(submittedDefault())
                        .when(new ApproveInDistrict(ID, true, null), actor)
                        .expectException(violation(ErrorCode.FORBIDDEN))
                        .expectNoEvents();
            }
        }

        @Test
        void forbiddenComesBeforeTheStateConflict() {
            fixture.given(submittedDefault(), approved())
                    .when(new ApproveInDistrict(ID, true, null), OTHER_OFFICER)
                    .expectException(violation(ErrorCode.FORBIDDEN));
        }

        @Test
        void aReviewedApplicationCannotBeReviewedAgain() {
            fixture.given(submittedDefault(), approved())
                    .when(new ApproveInDistrict(ID, true, null), OFFICER)
                    .expectException(violation(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixture.given(submittedDefault(), new DistrictRejected(ID, District.XIQING, null))
                    .when(new RejectInDistrict(ID, null), OFFICER)
                    .expectException(violation(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }

        @Test
        void theStateConflictComesBeforeTheMatchingRule() {
            fixture.given(submittedDefault(), approved())
                    .when(new ApproveInDistrict(ID, false, null), OFFICER)
                    .expectException(violation(ErrorCode.INVALID_STATE));
        }
    }

    @Nested
    @DisplayName("scoring")
    class Scoring {

        @Test
        void theReviewerScoresADistrictApprovedApplication() {
            fixture.given(submittedDefault(), approved())
                    .when(new ScoreApplication(ID, new BigDecimal("86.5"), "third-party panel"), REVIEWER)
                    .expectEvents(scored("86.5"))
                    .expectResultMessagePayload(ApplicationStatus.SCORED);
        }

        @Test
        void aScoredApplicationMayBeScoredAgainUntilDecided() {
            fixture.given(submittedDefault(), approved(), scored("70"))
                    .when(new ScoreApplication(ID, new BigDecimal("91.25"), "third-party panel"), REVIEWER)
                    .expectEvents(new ApplicationScored(ID, new BigDecimal("91.25"), "third-party panel"));
        }

        @Test
        void onlyTheReviewerScores() {
            fixture.given(submittedDefault(), approved())
                    .when(new ScoreApplication(ID, new BigDecimal("80"), "x"), MANAGER)
                    .expectException(violation(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void onlyDistrictApprovedApplicationsAreScored() {
            fixture.given(submittedDefault())
                    .when(new ScoreApplication(ID, new BigDecimal("80"), "x"), REVIEWER)
                    .expectException(violation(ErrorCode.INVALID_STATE));
            fixture.given(submittedDefault(), new DistrictRejected(ID, District.XIQING, null))
                    .when(new ScoreApplication(ID, new BigDecimal("80"), "x"), REVIEWER)
                    .expectException(violation(ErrorCode.INVALID_STATE));
            fixture.given(submittedDefault(), approved(), scored("80"), awarded(Tier.MUNICIPAL, "1200000", "600000", "600000"))
                    .when(new ScoreApplication(ID, new BigDecimal("80"), "x"), REVIEWER)
                    .expectException(violation(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("award")
    class Award {

        @Test
        void theMunicipalAwardIsTheRequestWithinTwentyPercentSharedOneToOne() {
            givenScored(submittedDefault())
                    .when(new AwardApplication(ID, Tier.MUNICIPAL), MANAGER)
                    .expectEvents(awarded(Tier.MUNICIPAL, "1200000", "600000", "600000"))
                    .expectResultMessagePayload(awarded(Tier.MUNICIPAL, "1200000", "600000", "600000"));
            assertThat(reservedSlots).containsExactly(Direction.D1_1);
        }

        @Test
        void theDistrictShareIsHalfRoundedDownToTheFen() {
            ApplicationForm form = Forms.valid().budget(
                    List.of(row(2019, "5000000.05", "4000000.04", "1000000.01")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "5000000.05", "1000000.01"))).build();
            givenScored(submitted(form, "5000000.05", "1000000.01", Tier.MUNICIPAL))
                    .when(new AwardApplication(ID, Tier.MUNICIPAL), MANAGER)
                    .expectEvents(awarded(Tier.MUNICIPAL, "1000000.01", "500000.01", "500000.00"));
        }

        @Test
        void theAwardNeverExceedsTheTierCeiling() {
            // Requested 3,000,000 under a claimed MIIT pilot (30 % of 10,000,000), awarded as MUNICIPAL: 20 % = 2,000,000.
            ApplicationForm form = Forms.valid().miitPilot2019().budget(
                    List.of(row(2019, "10000000", "7000000", "3000000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "10000000", "3000000"))).build();
            givenScored(submitted(form, "10000000", "3000000", Tier.MIIT_PILOT))
                    .when(new AwardApplication(ID, Tier.MUNICIPAL), MANAGER)
                    .expectEvents(awarded(Tier.MUNICIPAL, "2000000", "1000000", "1000000"));
        }

        @Test
        void theMiitPilotAwardIsCappedAtFiveMillion() {
            ApplicationForm form = Forms.valid().miitPilot2019().budget(
                    List.of(row(2019, "20000000", "15000000", "5000000")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "20000000", "5000000"))).build();
            givenScored(submitted(form, "20000000", "5000000", Tier.MIIT_PILOT))
                    .when(new AwardApplication(ID, Tier.MIIT_PILOT), MANAGER)
                    .expectEvents(awarded(Tier.MIIT_PILOT, "5000000", "2500000", "2500000"));
        }

        @Test
        void theMiitPilotTierIsOnlyForAQualifyingPilot() {
            givenScored(submittedDefault())
                    .when(new AwardApplication(ID, Tier.MIIT_PILOT), MANAGER)
                    .expectException(violation(ErrorCode.NOT_MIIT_PILOT))
                    .expectNoEvents();
        }

        @Test
        void theEleventhAwardInACappedDirectionIsRefused() {
            capReached = true;
            givenScored(submittedDefault())
                    .when(new AwardApplication(ID, Tier.MIIT_PILOT), MANAGER)
                    .expectException(violation(ErrorCode.DIRECTION_CAP_REACHED))
                    .expectNoEvents();
        }

        @Test
        void onlyTheProgramManagerDecides() {
            givenScored(submittedDefault())
                    .when(new AwardApplication(ID, Tier.MUNICIPAL), REVIEWER)
                    .expectException(violation(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
            givenScored(submittedDefault())
                    .when(new RejectApplication(ID, "weak"), ADMIN)
                    .expectException(violation(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void onlyAScoredApplicationIsDecided() {
            fixture.given(submittedDefault(), approved())
                    .when(new AwardApplication(ID, Tier.MUNICIPAL), MANAGER)
                    .expectException(violation(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
            givenScored(submittedDefault()).andGiven(awarded(Tier.MUNICIPAL, "1200000", "600000", "600000"))
                    .when(new AwardApplication(ID, Tier.MUNICIPAL), MANAGER)
                    .expectException(violation(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
            givenScored(submittedDefault()).andGiven(new ApplicationNotSelected(ID, "weak"))
                    .when(new RejectApplication(ID, "weak"), MANAGER)
                    .expectException(violation(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
            assertThat(reservedSlots).isEmpty();
        }

        @Test
        void aScoredApplicationMayBeNotSelected() {
            givenScored(submittedDefault())
                    .when(new RejectApplication(ID, "below the line"), MANAGER)
                    .expectEvents(new ApplicationNotSelected(ID, "below the line"))
                    .expectResultMessagePayload(ApplicationStatus.NOT_SELECTED);
        }
    }

    @Nested
    @DisplayName("top-up")
    class TopUp {

        @Test
        void aMunicipalAwardLaterSelectedAsMiitPilotIsToppedUpToTheMiitCeiling() {
            // eligible 6,000,000: MIIT ceiling 1,800,000 − awarded 1,200,000 = 600,000.
            givenScored(submittedDefault()).andGiven(awarded(Tier.MUNICIPAL, "1200000", "600000", "600000"))
                    .when(new TopUpAward(ID, LED_2020_PILOT, "MIIT-2020-17"), MANAGER)
                    .expectEvents(new AwardToppedUp(ID, Direction.D1_1, District.XIQING, LED_2020_PILOT, "MIIT-2020-17",
                            Money.of("600000"), Money.of("300000"), Money.of("300000"), Money.of("1800000")));
        }

        @Test
        void theTopUpIsMeasuredAgainstTheCappedMiitCeiling() {
            // eligible 12,345,678.91: MUNICIPAL 20 % = 2,469,135.78; MIIT 30 % = 3,703,703.673 → 3,703,703.67.
            ApplicationForm form = Forms.valid().budget(
                    List.of(row(2019, "12345678.91", "9876543.13", "2469135.78")),
                    List.of(line(SOFTWARE_DEVELOPMENT, "12345678.91", "2469135.78"))).build();
            givenScored(submitted(form, "12345678.91", "2469135.78", Tier.MUNICIPAL))
                    .andGiven(awarded(Tier.MUNICIPAL, "2469135.78", "1234567.89", "1234567.89"))
                    .when(new TopUpAward(ID, LED_2020_PILOT, "MIIT-2020-3"), MANAGER)
                    .expectEvents(new AwardToppedUp(ID, Direction.D1_1, District.XIQING, LED_2020_PILOT, "MIIT-2020-3",
                            Money.of("1234567.89"), Money.of("617283.95"), Money.of("617283.94"), Money.of("3703703.67")));
        }

        @Test
        void aTopUpNeedsTheApplicantToLeadThePilot() {
            givenScored(submittedDefault()).andGiven(awarded(Tier.MUNICIPAL, "1200000", "600000", "600000"))
                    .when(new TopUpAward(ID, new MiitPilot(PilotProgramme.INDUSTRIAL_INTERNET_INNOVATION, 2020, false), "r"), MANAGER)
                    .expectException(violation(ErrorCode.NOT_MIIT_PILOT))
                    .expectNoEvents();
        }

        @Test
        void onlyAMunicipalAwardIsToppedUpAndOnlyOnce() {
            givenScored(submittedDefault())
                    .when(new TopUpAward(ID, LED_2020_PILOT, "r"), MANAGER)
                    .expectException(violation(ErrorCode.INVALID_STATE));
            givenScored(submittedDefault()).andGiven(awarded(Tier.MIIT_PILOT, "1200000", "600000", "600000"))
                    .when(new TopUpAward(ID, LED_2020_PILOT, "r"), MANAGER)
                    .expectException(violation(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
            givenScored(submittedDefault()).andGiven(awarded(Tier.MUNICIPAL, "1200000", "600000", "600000"),
                            new AwardToppedUp(ID, Direction.D1_1, District.XIQING, LED_2020_PILOT, "r", Money.of("600000"),
                                    Money.of("300000"), Money.of("300000"), Money.of("1800000")))
                    .when(new TopUpAward(ID, LED_2020_PILOT, "again"), MANAGER)
                    .expectException(violation(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }

        @Test
        void thereIsNothingToTopUpWhenTheAwardAlreadyReachesTheMiitCeiling() {
            ApplicationForm form = Forms.valid().budget(
                    List.of(row(2019, "1000000", "1000000", "0")),
                    List.of(line(CIVIL_WORKS, "1000000", "0"))).build();
            givenScored(submitted(form, "0", "0", Tier.MUNICIPAL))
                    .andGiven(awarded(Tier.MUNICIPAL, "0", "0", "0"))
                    .when(new TopUpAward(ID, LED_2020_PILOT, "r"), MANAGER)
                    .expectException(violation(ErrorCode.NOTHING_TO_TOP_UP))
                    .expectNoEvents();
        }

        @Test
        void onlyTheProgramManagerTopsUp() {
            givenScored(submittedDefault()).andGiven(awarded(Tier.MUNICIPAL, "1200000", "600000", "600000"))
                    .when(new TopUpAward(ID, LED_2020_PILOT, "r"), Actor.of("finance", Role.FINANCE).asMetaData())
                    .expectException(violation(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }
    }
}
