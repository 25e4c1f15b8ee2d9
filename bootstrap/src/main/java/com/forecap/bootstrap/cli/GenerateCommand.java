package com.forecap.bootstrap.cli;

import java.util.Locale;

import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.application.shared.IdRange;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerationReport;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase;
import com.forecap.bootstrap.config.ToolSettings.Part;
import com.forecap.bootstrap.wiring.Tools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code forecap generate-test-data N}: the guide's {@code npm run generate:test-data N}. Streams the
 * synthetic users into MySQL with parallel {@code LOAD DATA LOCAL} statements, skipping what an
 * earlier run already stored.
 */
@Command(name = "generate-test-data", mixinStandardHelpOptions = true,
        description = {"Store users FROM..FROM+COUNT-1 of the synthetic data set in MySQL.",
            "Re-running completes an interrupted run without duplicates; --truncate starts over."})
public final class GenerateCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "COUNT", description = "how many users, e.g. 10000000")
    String count;

    @Option(names = "--from", paramLabel = "ID", defaultValue = "1", description = "first user id (default: ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "parallel LOAD DATA streams (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--truncate", description = "delete every stored user first")
    boolean truncate;

    @Option(names = "--seed", paramLabel = "SEED", description = "data set seed (default: forecap.embedded.seed, 2025)")
    Long seed;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "50000", hidden = true,
            description = "users per atomic LOAD DATA statement (default: ${DEFAULT-VALUE})")
    long chunkSize;

    @Option(names = "--to-file", paramLabel = "PATH", hidden = true,
            description = "write the users to an import file (.csv, .tsv, .csv.gz, .jsonl, .xlsx) instead of MySQL, "
                    + "for tests and measurements of forecap import")
    java.nio.file.Path toFile;

    @Override
    public Integer call() {
        IdRange range = range();
        if (threads < 1 || threads > 64) {
            throw usage("--threads must be between 1 and 64, was " + threads);
        }
        if (chunkSize < 1) {
            throw usage("--chunk-size must be at least 1");
        }
        var out = spec.commandLine().getOut();
        ConsoleProgress progress = ConsoleProgress.onStandardError();
        if (toFile != null) {
            try (Tools tools = tools(seed, Part.SEED)) {
                GenerationReport report = tools.fileGenerator(toFile, chunkSize, progress)
                        .generate(new GenerateTestDataUseCase.GenerateTestDataCommand(range, 1, false));
                out.printf(Locale.ROOT, "users %s written to %s in %s%n", range, toFile, ConsoleProgress.format(report.elapsed()));
            } catch (IllegalArgumentException e) {
                throw usage("--to-file: " + e.getMessage());
            }
            return 0;
        }
        try (Tools tools = tools(seed, Part.MYSQL, Part.SEED)) {
            GenerateTestDataUseCase generator = tools.generator(threads, chunkSize, progress);
            GenerationReport report = resumable("completed chunk",
                    () -> generator.generate(new GenerateTestDataUseCase.GenerateTestDataCommand(range, threads, truncate)));
            MySqlSettings mysql = tools.settings().mysql().orElseThrow();
            out.printf(Locale.ROOT, "users %s in %s.%s on %s: %,d written, %,d already present, %s, %,.0f rows/s%n",
                    range, mysql.database(), "user_recap_data", mysql.server(), report.written(), report.alreadyPresent(),
                    ConsoleProgress.format(report.elapsed()), report.rowsPerSecond());
            out.println("check them with: forecap verify-test-data");
        }
        return 0;
    }

    private IdRange range() {
        long users = number(count, "COUNT");
        long first = number(from, "--from");
        try {
            return IdRange.startingAt(first, users);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private long number(String text, String name) {
        String plain = text.replace("_", "").replace(",", "");
        try {
            long value = Long.parseLong(plain);
            if (value < 1) {
                throw usage(name + " must be a positive whole number, was '" + text + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw usage(name + " must be a positive whole number, was '" + text + "'");
        }
    }
}
