package cn.tj.specialfund.query.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read side's dependencies point one way: plumbing → shared state → read models → web. */
class ArchitectureTest {

    private static final String ROOT = "cn.tj.specialfund.query";
    /** Test classes that break both rules on purpose: plumbing that uses a read model, and two read models that meet. */
    private static final String VIOLATIONS = "cn.tj.specialfund.layeringviolation";

    /** The main classes only, whatever the build folder is called (-Dbuild.dir.name). */
    private static final ImportOption MAIN_CLASSES = location -> !location.contains("/test-classes/");

    private static final JavaClasses QUERY_SIDE = new ClassFileImporter()
            .withImportOption(MAIN_CLASSES)
            .importPackages(ROOT);

    @Test
    void eachFloorUsesOnlyTheFloorsBelowIt() {
        ReadSideLayers.layering(ROOT).check(QUERY_SIDE);
    }

    @Test
    void noReadModelReachesIntoAnother() {
        ReadSideLayers.readModelsAreIndependent(ROOT).check(QUERY_SIDE);
    }

    @Test
    void aPlantedBackEdgeFailsTheLayering() {
        JavaClasses planted = new ClassFileImporter().importPackages(VIOLATIONS);
        assertThatThrownBy(() -> ReadSideLayers.layering(VIOLATIONS).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("layeringviolation.projection.PlumbingThatKnowsAReadModel")
                .hasMessageContaining("layeringviolation.dashboard.SomeDashboard");
    }

    @Test
    void aReadModelReachingIntoAnotherFails() {
        JavaClasses planted = new ClassFileImporter().importPackages(VIOLATIONS);
        assertThatThrownBy(() -> ReadSideLayers.readModelsAreIndependent(VIOLATIONS).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("layeringviolation.finance.FinanceThatReadsTheDashboard");
    }
}
