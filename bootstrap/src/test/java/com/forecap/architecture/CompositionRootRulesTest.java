package com.forecap.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** One composition root: configuration is read in one package, and only the root puts the parts together. */
@AnalyzeClasses(packages = "com.forecap", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class CompositionRootRulesTest {

    @ArchTest
    static final ArchRule configuration_is_read_in_bootstrap_config_only = noClasses()
            .that().resideOutsideOfPackage("com.forecap.bootstrap.config..")
            .should().callMethodWhere(ownerIn("io.helidon.config..", "io.helidon.common.config.."))
            .because("settings are read once into records at start (ServiceSettings, ToolSettings), "
                    + "so a wrong value fails there, named, and nothing later reads a key of its own");

    @ArchTest
    static final ArchRule commands_get_their_use_cases_from_the_composition_root = noClasses()
            .that().resideInAPackage("com.forecap.bootstrap.cli..")
            .should().dependOnClassesThat().resideInAPackage("com.forecap.application.service..")
            .orShould().callCodeUnitWhere(constructorOrFactoryOfAnAdapter())
            .because("clients, adapters and services are built in one place (bootstrap.wiring.ForecapRoot), "
                    + "which the commands reuse");

    private static DescribedPredicate<JavaCall<?>> ownerIn(String... packages) {
        return DescribedPredicate.describe("owner in " + String.join(" or ", packages), call -> {
            String name = call.getTargetOwner().getPackageName();
            for (String pattern : packages) {
                String root = pattern.substring(0, pattern.length() - 2);
                if (name.equals(root) || name.startsWith(root + ".")) {
                    return true;
                }
            }
            return false;
        });
    }

    private static DescribedPredicate<JavaCall<?>> constructorOrFactoryOfAnAdapter() {
        return DescribedPredicate.describe("a constructor or static method of an adapter class", call ->
                call.getTargetOwner().getPackageName().startsWith("com.forecap.adapter.")
                        && !call.getTargetOwner().isAssignableTo(Throwable.class)
                        && (call instanceof JavaConstructorCall
                        || call.getTarget().resolveMember().map(member -> member.getModifiers().contains(JavaModifier.STATIC))
                        .orElse(false)));
    }
}
