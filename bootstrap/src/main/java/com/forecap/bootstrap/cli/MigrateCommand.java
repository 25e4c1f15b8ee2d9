package com.forecap.bootstrap.cli;

import java.util.List;

import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.bootstrap.config.ToolSettings.Part;
import com.forecap.bootstrap.wiring.Tools;
import picocli.CommandLine.Command;

/** {@code forecap migrate}: creates the database if needed and applies the schema scripts not applied yet. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create the MySQL database if missing and apply the versioned schema scripts (idempotent).")
public final class MigrateCommand extends ToolCommand {

    @Override
    public Integer call() {
        MySqlSettings settings;
        List<Integer> applied;
        try (Tools tools = tools(null, Part.MYSQL)) {
            settings = tools.settings().mysql().orElseThrow();
            applied = tools.migrate();
        }
        var out = spec.commandLine().getOut();
        if (applied.isEmpty()) {
            out.println("schema of " + settings.database() + " on " + settings.server() + " is up to date");
        } else {
            out.println("applied schema versions " + applied + " to " + settings.database() + " on " + settings.server());
        }
        return 0;
    }
}
