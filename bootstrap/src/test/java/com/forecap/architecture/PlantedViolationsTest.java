package com.forecap.architecture;

import com.forecap.adapter.in.planted.CallsService;
import com.forecap.adapter.out.alpha.planted.UsesBeta;
import com.forecap.adapter.out.beta.planted.Beta;
import com.forecap.adapter.out.beta.planted.PublicSeam;
import com.forecap.application.importing.planted.ImportsTestData;
import com.forecap.application.planted.Names;
import com.forecap.application.planted.Seam;
import com.forecap.application.recap.port.in.planted.InUsesOut;
import com.forecap.application.recap.port.out.planted.OutUsesIn;
import com.forecap.application.recap.service.planted.StrayService;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase;
import com.forecap.bootstrap.cli.planted.ReadsConfigAndBuildsAdapters;
import com.forecap.bootstrap.planted.a.A;
import com.forecap.bootstrap.planted.b.B;
import com.forecap.domain.planted.ReadsSql;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every architecture rule fails on a violation planted for it (classes in this module's tests, under the
 * packages the rules guard; the rules themselves read main code only): a rule that could not fail would
 * guard nothing.
 */
class PlantedViolationsTest {

    private static void failsOn(ArchRule rule, Class<?>... planted) {
        JavaClasses classes = new ClassFileImporter().importClasses(planted);
        assertThat(rule.evaluate(classes).hasViolation()).as(rule.getDescription()).isTrue();
    }

    @Test
    void the_hexagons_rules_fail_on_their_planted_violations() throws ClassNotFoundException {
        failsOn(HexagonRulesTest.domain_depends_on_the_jdk_only, ReadsSql.class);
        failsOn(HexagonRulesTest.application_depends_on_the_domain_only, Names.class);
        failsOn(HexagonRulesTest.core_uses_no_framework_or_driver_types, ReadsSql.class);
        failsOn(HexagonRulesTest.ports_live_in_the_application, Class.forName("com.forecap.adapter.out.beta.planted.StrayPort"));
        failsOn(HexagonRulesTest.out_ports_do_not_use_in_ports, OutUsesIn.class);
        failsOn(HexagonRulesTest.driven_adapters_do_not_use_in_ports, UsesBeta.class);
        failsOn(HexagonRulesTest.in_ports_do_not_use_out_ports, InUsesOut.class);
        failsOn(HexagonRulesTest.adapters_offer_no_interfaces_of_their_own, PublicSeam.class);
        failsOn(HexagonRulesTest.application_interfaces_are_ports, Seam.class);
        failsOn(HexagonRulesTest.driving_adapters_reach_the_core_through_its_use_cases, CallsService.class);
        failsOn(HexagonRulesTest.every_service_implements_a_use_case, StrayService.class);
    }

    @Test
    void the_cycle_and_composition_rules_fail_on_their_planted_violations() {
        failsOn(CycleRulesTest.adapters_do_not_depend_on_each_other, UsesBeta.class, Beta.class);
        failsOn(CycleRulesTest.no_two_packages_depend_on_each_other, A.class, B.class);
        failsOn(CycleRulesTest.capabilities_do_not_reach_into_each_other, ImportsTestData.class,
                GenerateTestDataUseCase.class);
        failsOn(CompositionRootRulesTest.configuration_is_read_in_bootstrap_config_only, ReadsConfigAndBuildsAdapters.class);
        failsOn(CompositionRootRulesTest.commands_get_their_use_cases_from_the_composition_root, ReadsConfigAndBuildsAdapters.class);
    }
}
