package com.forecap.bootstrap.scale;

import java.util.Map;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.mysql.MySqlConnections;
import com.forecap.adapter.out.mysql.MySqlSchema;
import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.mysql.MySqlTestDataStore;
import com.forecap.application.port.in.GenerateTestDataUseCase.GenerateTestDataCommand;
import com.forecap.application.port.out.ReportProgressPort;
import com.forecap.application.service.GenerateTestDataService;
import com.forecap.application.synthetic.IdRange;
import com.forecap.application.synthetic.SyntheticRecaps;
import com.forecap.bootstrap.config.ConfigLoader;
import com.forecap.bootstrap.config.MySqlConfig;

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
        MySqlSettings tools = MySqlConfig.tools(ConfigLoader.load(environment, Map.of("forecap.mysql.connection-timeout", "PT15S")));
        new MySqlSchema(tools).migrate();
        try (MySqlConnections connections = MySqlConnections.forTools(tools, 3)) {
            new GenerateTestDataService(new MySqlTestDataStore(connections, new JacksonRecapJson()),
                    new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED), ReportProgressPort.NONE, 1_000)
                    .generate(new GenerateTestDataCommand(IdRange.startingAt(1, users), 2, false));
        }
        return tools;
    }
}
