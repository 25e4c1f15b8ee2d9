package com.forecap.bootstrap.scale;

import java.util.EnumSet;
import java.util.Map;

import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerateTestDataCommand;
import com.forecap.bootstrap.config.ConfigLoader;
import com.forecap.bootstrap.config.ToolSettings;
import com.forecap.bootstrap.wiring.ForecapRoot;
import com.forecap.bootstrap.wiring.Tools;

/** What {@code forecap migrate} and {@code generate-test-data} do, in the test's JVM, with the tools' settings. */
final class TestData {

    private TestData() {
    }

    /**
     * Creates the schema and users 1..{@code users} where the tools' settings of an environment point.
     *
     * @param environment the variables, as the tools would get them
     * @param users       how many
     * @return the tools' settings used
     */
    static MySqlSettings migrateAndGenerate(Map<String, String> environment, int users) {
        ToolSettings settings = ToolSettings.from(ConfigLoader.load(environment,
                Map.of("forecap.mysql.connection-timeout", "PT15S")), EnumSet.of(ToolSettings.Part.MYSQL), null);
        try (Tools tools = ForecapRoot.tools(settings)) {
            tools.migrate();
            tools.generator(2, 1_000, ReportProgressPort.NONE)
                    .generate(new GenerateTestDataCommand(IdRange.startingAt(1, users), 2, false));
        }
        return settings.mysql().orElseThrow();
    }
}
