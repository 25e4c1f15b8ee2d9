package com.forecap.bootstrap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.application.importing.port.in.ImportRecapsUseCase.ImportReport;
import com.forecap.application.importing.port.in.ImportRecapsUseCase;
import com.forecap.bootstrap.config.ToolSettings.Part;
import com.forecap.bootstrap.wiring.Tools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code forecap import FILE…}: the original's {@code import-excel}. Streams the data warehouse's export
 * into MySQL, replacing users by id, chunk by chunk, resumable; bad rows go to a rejects file.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load users from the data warehouse's export (CSV, TSV, .csv.gz, XLSX, JSON Lines) into MySQL,",
            "replacing users with the same id. Bad rows go to FILE.rejects.csv; re-running an interrupted import resumes it."})
public final class ImportCommand extends ToolCommand {

    /** Exit status when more rows were rejected than --max-rejects allows. */
    static final int REJECTED = 3;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files to import, one after the other")
    List<Path> files;

    @Option(names = "--sheet", paramLabel = "NAME", description = "XLSX sheet (default: the only sheet)")
    String sheet;

    @Option(names = "--rejects", paramLabel = "PATH", description = "rejects file (default: FILE.rejects.csv next to FILE; one FILE only)")
    Path rejects;

    @Option(names = "--max-rejects", paramLabel = "N", defaultValue = "0",
            description = "rejected rows allowed before the exit status says failure (default: ${DEFAULT-VALUE})")
    long maxRejects;

    @Option(names = "--ignore-unknown-columns", description = "skip columns that are not the schema's instead of failing")
    boolean ignoreUnknownColumns;

    @Option(names = "--dry-run", description = "check the files and write the rejects, store nothing (no database needed)")
    boolean dryRun;

    @Option(names = "--invalidate-cache", description = "delete the Redis entries of the imported users (REDIS_HOST must be set)")
    boolean invalidateCache;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "50000", hidden = true,
            description = "file rows per atomic LOAD DATA statement (default: ${DEFAULT-VALUE})")
    int chunkSize;

    @Override
    public Integer call() {
        if (rejects != null && files.size() > 1) {
            throw usage("--rejects takes one FILE only; with several, each gets FILE.rejects.csv");
        }
        if (maxRejects < 0) {
            throw usage("--max-rejects must be 0 or more, was " + maxRejects);
        }
        if (chunkSize < 1) {
            throw usage("--chunk-size must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        long rejected;
        try (Tools tools = evicting() ? tools(null, Part.MYSQL, Part.REDIS) : tools(null, Part.MYSQL)) {
            ImportRecapsUseCase importer = tools.importer(dryRun, evicting(), chunkSize, ConsoleProgress.onStandardError());
            Supplier<Long> work = () -> {
                long sum = 0;
                for (Path file : files) {
                    Path rejectsFile = rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.csv");
                    ImportReport report = importer.importFile(new ImportRecapsUseCase.ImportCommand(file, sheet, rejectsFile,
                            ignoreUnknownColumns, dryRun, evicting()));
                    sum += report.rejected();
                    print(out, file, rejectsFile, report, tools.settings().mysql().orElseThrow());
                }
                return sum;
            };
            rejected = dryRun ? work.get() : resumable("committed chunk", work);
        }
        if (rejected > maxRejects) {
            out.printf(Locale.ROOT, "%,d row%s rejected, more than --max-rejects %,d allows: see the rejects file%s%n",
                    rejected, rejected == 1 ? "" : "s", maxRejects, files.size() == 1 ? "" : "s");
            out.flush();
            return REJECTED;
        }
        return 0;
    }

    /** Whether the imported users' cache entries are deleted: asked for, and not a dry run. */
    private boolean evicting() {
        return invalidateCache && !dryRun;
    }

    private void print(PrintWriter out, Path file, Path rejectsFile, ImportReport report, MySqlSettings settings) {
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "%s (%s): %,d rows, %,d valid, ", file, report.format(), report.rows(),
                report.valid()));
        if (dryRun) {
            line.append("nothing stored (dry run)");
        } else {
            line.append(String.format(Locale.ROOT, "%,d stored in %s.user_recap_data on %s", report.loaded(),
                    settings.database(), settings.server()));
        }
        if (report.resumed() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d stored by an earlier run (resumed)", report.resumed()));
        }
        if (report.rejected() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d rejected (see %s)", report.rejected(), rejectsFile));
        } else {
            line.append(", 0 rejected");
        }
        if (report.duplicates() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d repeated user_id (the later row wins)", report.duplicates()));
        }
        if (evicting()) {
            line.append(String.format(Locale.ROOT, ", %,d cache entries deleted", report.evicted()));
        }
        if (!report.ignoredColumns().isEmpty()) {
            line.append(", ignored columns ").append(String.join(", ", report.ignoredColumns()));
        }
        line.append(String.format(Locale.ROOT, ", %s, %,.0f rows/s", ConsoleProgress.format(report.elapsed()),
                report.rowsPerSecond()));
        out.println(line);
        out.flush();
    }
}
