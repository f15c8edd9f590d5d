package org.elusive.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** All DuckDB access is in {@code store}: one set of reader options, one writer, one quoting of SQL. */
class StoreBoundaryTest {
    @Test void onlyTheStoreTouchesDuckDbOrJdbc() {
        noClasses().that().resideOutsideOfPackage("org.elusive.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..", "java.sql..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.elusive"));
    }
}
