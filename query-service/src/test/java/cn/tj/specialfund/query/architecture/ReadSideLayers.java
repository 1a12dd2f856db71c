package cn.tj.specialfund.query.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.Set;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The read side's floors as rules over a root package: plumbing ({@code projection}) → the application state
 * several read models fold ({@code applicationstate}) → the read models (every other package: one per read model)
 * → the web ({@code admin}, {@code reference}, {@code session} and the root package). {@code web} holds what
 * controllers share (access checks, CSV) and knows nothing of the floors. Parameterised by the root so that a test
 * can show the rules fail on classes that break them. The tree of tamper evidence ({@code audit}) is no read model:
 * it stands beside them (plumbing below it), and the read models and the web may ask it for leaves and proofs.
 */
final class ReadSideLayers {

    private static final Set<String> NOT_READ_MODELS = Set.of("projection", "applicationstate", "web", "admin",
            "reference", "audit", "session");

    private ReadSideLayers() {
    }

    /** Each floor uses only the floors below it. */
    static ArchRule layering(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Plumbing").definedBy(root + ".projection..")
                .layer("TamperEvidence").definedBy(root + ".audit..")
                .layer("SharedState").definedBy(root + ".applicationstate..")
                .layer("ReadModels").definedBy(readModel(root))
                .layer("Web").definedBy(root, root + ".admin..", root + ".reference..", root + ".session..")
                .layer("HttpSupport").definedBy(root + ".web..")
                .whereLayer("Web").mayNotBeAccessedByAnyLayer()
                .whereLayer("ReadModels").mayOnlyBeAccessedByLayers("Web")
                .whereLayer("SharedState").mayOnlyBeAccessedByLayers("ReadModels", "Web")
                .whereLayer("TamperEvidence").mayOnlyBeAccessedByLayers("ReadModels", "Web")
                .whereLayer("Plumbing").mayOnlyBeAccessedByLayers("SharedState", "ReadModels", "Web", "TamperEvidence")
                .whereLayer("HttpSupport").mayOnlyBeAccessedByLayers("ReadModels", "Web", "TamperEvidence");
    }

    /** A read model is one package: it reaches into no other read model. */
    static ArchRule readModelsAreIndependent(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String top = topPackage(root, javaClass);
                return top == null || NOT_READ_MODELS.contains(top) ? SliceIdentifier.ignore() : SliceIdentifier.of(top);
            }

            @Override
            public String getDescription() {
                return "read models under " + root;
            }
        }).should().notDependOnEachOther();
    }

    private static DescribedPredicate<JavaClass> readModel(String root) {
        return DescribedPredicate.describe("a read model package under " + root, c -> {
            String top = topPackage(root, c);
            return top != null && !NOT_READ_MODELS.contains(top);
        });
    }

    /** The first package below {@code root} that holds the class, or null for the root itself and elsewhere. */
    private static String topPackage(String root, JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(root + ".")) {
            return null;
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
