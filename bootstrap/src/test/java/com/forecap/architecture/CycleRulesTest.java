package com.forecap.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Adapters are independent of each other, and no packages form cycles (between modules, Maven's graph already
 * forbids them).
 */
@AnalyzeClasses(packages = "com.forecap", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class CycleRulesTest {

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = slices()
            .matching("com.forecap.adapter.(*).(*)..")
            .should().notDependOnEachOther()
            .because("each adapter is one technology; bootstrap composes them");

    @ArchTest
    static final ArchRule capabilities_do_not_reach_into_each_other = slices()
            .matching("com.forecap.application.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(JavaClass.Predicates.resideInAPackage("com.forecap.application.."),
                    JavaClass.Predicates.resideInAnyPackage("com.forecap.application.shared..",
                            "com.forecap.application.observability.."))
            .because("each capability of the application (recap, importing, testdata, cache) is a room of its "
                    + "own that a newcomer can change alone; what several need lives in shared");

    @ArchTest
    static final ArchRule no_two_packages_depend_on_each_other = slices()
            .matching("com.forecap.(**)")
            .should().beFreeOfCycles()
            .because("every package, a module's root package included, is a slice of its own: "
                    + "a parent package and its sub-package must not import each other either");
}
