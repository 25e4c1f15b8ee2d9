package com.forecap.bootstrap.cli.planted;

/** Planted: a command that reads configuration itself and builds an adapter. */
public class ReadsConfigAndBuildsAdapters {
    Object run() {
        io.helidon.config.Config config = io.helidon.config.Config.create();
        return new com.forecap.adapter.out.json.JacksonRecapJson() + config.toString();
    }
}
