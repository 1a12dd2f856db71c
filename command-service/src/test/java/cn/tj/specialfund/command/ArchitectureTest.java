package cn.tj.specialfund.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The command side knows nothing of the query side: they share only the messages and the infrastructure. */
class ArchitectureTest {

    private static final JavaClasses COMMAND_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.tj.specialfund.command");

    @Test
    void theCommandSideDoesNotDependOnTheQuerySide() {
        noClasses().that().resideInAPackage("cn.tj.specialfund.command..")
                .should().dependOnClassesThat().resideInAPackage("cn.tj.specialfund.query..")
                .check(COMMAND_SIDE);
    }

    @Test
    void theApiSendsCommandsRatherThanTouchingTheAggregateOrItsGuards() {
        noClasses().that().resideInAPackage("cn.tj.specialfund.command.api..")
                .should().dependOnClassesThat().resideInAPackage("cn.tj.specialfund.command")
                .check(COMMAND_SIDE);
    }
}
