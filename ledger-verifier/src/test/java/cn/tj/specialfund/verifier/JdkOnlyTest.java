package cn.tj.specialfund.verifier;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** An auditor runs the jar with nothing but a JDK: the main code uses the JDK and itself, nothing else. */
class JdkOnlyTest {

    @Test
    void theMainCodeDependsOnTheJdkAlone() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "cn.tj.specialfund.verifier..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.tj.specialfund.verifier"));
    }
}
