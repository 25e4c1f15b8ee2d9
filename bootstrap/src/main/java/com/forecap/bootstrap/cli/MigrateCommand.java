package com.forecap.bootstrap.cli;

import java.util.List;
import java.util.concurrent.Callable;

import com.forecap.adapter.out.mysql.MySqlSchema;
import com.forecap.adapter.out.mysql.MySqlSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code forecap migrate}: creates the database if needed and applies the schema scripts not applied yet. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create the MySQL database if missing and apply the versioned schema scripts (idempotent).")
public final class MigrateCommand implements Callable<Integer> {

    @Mixin
    MySqlOptions mysql;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MySqlSettings settings = MySqlOptions.settings(mysql.config());
        List<Integer> applied = new MySqlSchema(settings).migrate();
        var out = spec.commandLine().getOut();
        if (applied.isEmpty()) {
            out.println("schema of " + settings.database() + " on " + settings.server() + " is up to date");
        } else {
            out.println("applied schema versions " + applied + " to " + settings.database() + " on " + settings.server());
        }
        return 0;
    }
}
