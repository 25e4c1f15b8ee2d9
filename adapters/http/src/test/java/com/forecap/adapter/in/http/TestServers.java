package com.forecap.adapter.in.http;

import io.helidon.webserver.WebServerConfig;

/** Server set-up shared by the HTTP tests. */
final class TestServers {

    private TestServers() {
    }

    /**
     * Answers the server's own refusals (bad request line, oversized headers) with the service's error
     * JSON, as the composed service does.
     *
     * @param server the server being set up
     */
    static void jsonDirectHandlers(WebServerConfig.Builder server) {
        server.directHandlers(handlers -> {
            for (var type : io.helidon.http.DirectHandler.EventType.values()) {
                handlers.addHandler(type, new JsonDirectHandler(com.forecap.application.observability.RecordRefusalMetricsPort.NONE));
            }
        });
    }
}
