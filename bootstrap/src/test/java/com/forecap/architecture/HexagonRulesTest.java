package com.forecap.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rule of the hexagon: dependencies point inwards only. That the core never reaches an adapter or
 * bootstrap, and an adapter never bootstrap, is Maven's module graph (such an import does not compile); the
 * rules here guard what the graph allows. {@link PlantedViolationsTest} shows each one fails on a violation.
 */
@AnalyzeClasses(packages = "com.forecap", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class HexagonRulesTest {

    @ArchTest
    static final ArchRule domain_depends_on_the_jdk_only = classes()
            .that().resideInAPackage("com.forecap.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("com.forecap.domain..", "java..", "javax.crypto..")
            .because("the domain holds pure rules that no technology may reach into (the JDK's MAC included)");

    @ArchTest
    static final ArchRule application_depends_on_the_domain_only = classes()
            .that().resideInAPackage("com.forecap.application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("com.forecap.application..", "com.forecap.domain..", "java..")
            .because("use cases talk to the outside through their own ports");

    @ArchTest
    static final ArchRule core_uses_no_framework_or_driver_types = noClasses()
            .that().resideInAnyPackage("com.forecap.domain..", "com.forecap.application..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.helidon..", "jakarta..", "javax.sql..", "java.sql..", "redis..", "com.zaxxer..",
                    "com.fasterxml..", "io.prometheus..", "picocli..")
            .because("the core stays framework-free");

    @ArchTest
    static final ArchRule ports_live_in_the_application = classes()
            .that().haveSimpleNameEndingWith("Port")
            .should().resideInAnyPackage("com.forecap.application.*.port..", "com.forecap.application.observability..")
            .andShould().beInterfaces()
            .because("a port is owned by the application (a capability's port package, or the contracts between "
                    + "adapters in observability), never by an adapter");

    @ArchTest
    static final ArchRule out_ports_do_not_use_in_ports = noClasses()
            .that().resideInAnyPackage("com.forecap.application.*.port.out..", "com.forecap.application.observability..")
            .should().dependOnClassesThat().resideInAPackage("com.forecap.application.*.port.in..")
            .because("the out side speaks of what the application needs from the outside, in its own words; "
                    + "a driven adapter must not learn the outcomes of the use cases");

    @ArchTest
    static final ArchRule driven_adapters_do_not_use_in_ports = noClasses()
            .that().resideInAPackage("com.forecap.adapter.out..")
            .should().dependOnClassesThat().resideInAPackage("com.forecap.application.*.port.in..")
            .because("a driven adapter answers in the words of the out port it implements; "
                    + "what a use case tells its callers is the application's business");

    @ArchTest
    static final ArchRule in_ports_do_not_use_out_ports = noClasses()
            .that().resideInAPackage("com.forecap.application.*.port.in..")
            .should().dependOnClassesThat().resideInAPackage("com.forecap.application.*.port.out..")
            .because("a driving adapter talks to the use cases only, never to what they drive");

    @ArchTest
    static final ArchRule adapters_offer_no_interfaces_of_their_own = classes()
            .that().resideInAPackage("com.forecap.adapter..")
            .and().areInterfaces()
            .should().notBePublic()
            .because("an interface that another module implements or calls through is a port, "
                    + "and ports belong to the application (com.forecap.application.<capability>.port)");

    @ArchTest
    static final ArchRule application_interfaces_are_ports = classes()
            .that().resideInAPackage("com.forecap.application..")
            .and().areInterfaces()
            .and().doNotHaveSimpleName("package-info")
            .should().resideInAnyPackage("com.forecap.application.*.port..", "com.forecap.application.observability..")
            .because("the application's only seams to the outside are its ports");

    @ArchTest
    static final ArchRule driving_adapters_reach_the_core_through_its_use_cases = noClasses()
            .that().resideInAPackage("com.forecap.adapter.in..")
            .should().dependOnClassesThat().resideInAPackage("com.forecap.application.*.service..")
            .because("a driving adapter calls a use case (com.forecap.application.<capability>.port.in); which service "
                    + "implements it is the composition root's choice");

    @ArchTest
    static final ArchRule every_service_implements_a_use_case = classes()
            .that().resideInAPackage("com.forecap.application.*.service..")
            .and().haveSimpleNameEndingWith("Service")
            .should().beAssignableTo(JavaClass.Predicates.resideInAPackage("com.forecap.application.*.port.in.."))
            .because("a service is the application's answer to a use case; one without a use case is "
                    + "reachable only by naming its class");
}
