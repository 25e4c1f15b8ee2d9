package com.forecap.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaConstructorReference;
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
            .should().accessTargetWhere(ownerIn("io.helidon.config..", "io.helidon.common.config.."))
            .because("settings are read once into records at start (ServiceSettings, ToolSettings), "
                    + "so a wrong value fails there, named, and nothing later reads a key of its own");

    @ArchTest
    static final ArchRule commands_get_their_use_cases_from_the_composition_root = noClasses()
            .that().resideInAPackage("com.forecap.bootstrap.cli..")
            .should().dependOnClassesThat().resideInAPackage("com.forecap.application.*.service..")
            .orShould().accessTargetWhere(constructorOrFactoryOfAnAdapter())
            .because("clients, adapters and services are built in one place, bootstrap.wiring (ForecapRoot and its "
                    + "RecapStores for the service, Tools for the commands)");

    /** Calls and method references alike ({@code config::get} is as much a read as {@code config.get(…)}). */
    private static DescribedPredicate<JavaAccess<?>> ownerIn(String... packages) {
        return DescribedPredicate.describe("owner in " + String.join(" or ", packages), access -> {
            String name = access.getTargetOwner().getPackageName();
            for (String pattern : packages) {
                String root = pattern.substring(0, pattern.length() - 2);
                if (name.equals(root) || name.startsWith(root + ".")) {
                    return true;
                }
            }
            return false;
        });
    }

    /** A call of, or a reference to, a constructor or static method ({@code JacksonRecapJson::new} included). */
    private static DescribedPredicate<JavaAccess<?>> constructorOrFactoryOfAnAdapter() {
        return DescribedPredicate.describe("a constructor or static method of an adapter class", access ->
                access instanceof JavaCodeUnitAccess<?>
                        && access.getTargetOwner().getPackageName().startsWith("com.forecap.adapter.")
                        && !access.getTargetOwner().isAssignableTo(Throwable.class)
                        && (access instanceof JavaConstructorCall || access instanceof JavaConstructorReference
                        || access.getTarget().resolveMember()
                                .map(member -> member.getModifiers().contains(JavaModifier.STATIC)).orElse(false)));
    }
}
