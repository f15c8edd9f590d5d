package org.elusive;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package tree is the data flow (docs/design.md): each package may use only packages listed before
 * it here, so there is no cycle, nothing imports {@code cli}, and {@code core} imports nothing of ours.
 * Adding a package means placing it in this order; an upward import fails the build with the offending
 * class pairs listed.
 */
class ArchitectureTest {

    /** Lowest first. Packages on one line do not use each other. */
    static final List<List<String>> ORDER = List.of(
            List.of("core"),
            List.of("catalog", "rows"),
            List.of("store"),
            List.of("task"),
            List.of("model", "optim"),
            List.of("scoring", "transform"),
            List.of("correlate", "emergence", "sloth"),
            List.of("forecast"),
            List.of("plot"),
            List.of("eval"),
            List.of("sweep"),
            List.of("demo"),
            List.of("cli"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.elusive");

    @Test void packagesAreFreeOfCycles() {
        slices().matching("org.elusive.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test void everyPackageIsPlacedInTheOrder() {
        TreeSet<String> unplaced = new TreeSet<>();
        for (JavaClass c : CLASSES) if (rank(top(c)) < 0) unplaced.add(top(c));
        assertEquals(new TreeSet<>(), unplaced, "packages missing from ArchitectureTest.ORDER");
    }

    @Test void noPackageUsesALaterOrSiblingOne() {
        TreeSet<String> upward = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (!target.getPackageName().startsWith("org.elusive")) continue;
                String from = top(c), to = top(target);
                if (!from.equals(to) && rank(to) >= rank(from)) {
                    upward.add(from + " -> " + to + " (" + c.getSimpleName() + " uses " + target.getSimpleName() + ")");
                }
            }
        }
        assertEquals(new TreeSet<>(), upward, "imports against the data flow");
    }

    private static String top(JavaClass c) {
        String rest = c.getPackageName().substring("org.elusive".length());
        if (rest.isEmpty()) return "<root>";
        rest = rest.substring(1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static int rank(String pkg) {
        for (int i = 0; i < ORDER.size(); i++) if (ORDER.get(i).contains(pkg)) return i;
        return -1;
    }
}
