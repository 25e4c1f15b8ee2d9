package com.forecap.bootstrap.wiring;

import java.util.HashMap;
import java.util.Map;

import com.forecap.bootstrap.config.ConfigLoader;
import com.forecap.bootstrap.config.ServiceSettings;

/** The composed service as the tests start it: on a free port of 127.0.0.1, settings read as at start. */
public final class LoopbackService {

    private LoopbackService() {
    }

    /**
     * Starts the service.
     *
     * @param environment the variables, as the process would get them
     * @param settings    more configuration keys and values, in pairs
     * @return the running service
     */
    public static RunningService start(Map<String, String> environment, String... settings) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("server.port", "0");
        overrides.put("server.host", "127.0.0.1");
        for (int i = 0; i < settings.length; i += 2) {
            overrides.put(settings[i], settings[i + 1]);
        }
        return ForecapRoot.serve(ServiceSettings.from(ConfigLoader.load(environment, overrides)));
    }
}
