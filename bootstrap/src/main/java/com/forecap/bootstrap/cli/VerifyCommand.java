package com.forecap.bootstrap.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

import com.forecap.application.testdata.port.in.VerifyTestDataUseCase.VerificationReport;
import com.forecap.application.testdata.port.in.VerifyTestDataUseCase.VerifyTestDataQuery;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.application.testdata.synthetic.TrxRange;
import com.forecap.bootstrap.config.ToolSettings.Part;
import com.forecap.bootstrap.wiring.Tools;
import com.forecap.domain.recap.UserRecap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forecap verify-test-data}: the guide's three checks, judged. Exit 0 when they pass, 1 otherwise. */
@Command(name = "verify-test-data", mixinStandardHelpOptions = true,
        description = {"Run the guide's checks on the stored users: total count, trx_count distribution, sample users.",
            "Fails (exit 1) when the count or a share is off, or a sample user differs from the data set."})
public final class VerifyCommand extends ToolCommand {

    @Option(names = "--expect", paramLabel = "COUNT", description = "users that should be stored (default: ids 1..max without gaps)")
    Long expect;

    @Option(names = "--seed", paramLabel = "SEED", description = "data set seed (default: forecap.embedded.seed, 2025)")
    Long seed;

    @Override
    public Integer call() {
        VerificationReport report;
        long dataSeed;
        try (Tools tools = tools(seed, Part.MYSQL, Part.SEED)) {
            dataSeed = tools.settings().seed();
            report = tools.verifier().verify(new VerifyTestDataQuery(expect));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "-- SELECT COUNT(*) FROM user_recap_data;%n%,d users (largest id %,d)%n%n", report.count(), report.maxId());
        out.println("-- distribution of trx_count");
        out.printf(Locale.ROOT, "%-9s %12s %8s %9s%n", "trx_range", "user_count", "share", "expected");
        long total = report.distribution().values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<TrxRange, Long> entry : report.distribution().entrySet()) {
            out.printf(Locale.ROOT, "%-9s %,12d %7.2f%% %8.2f%%%n", entry.getKey().label(), entry.getValue(),
                    total == 0 ? 0.0 : 100.0 * entry.getValue() / total, 100 * SyntheticRecaps.expectedShare(entry.getKey()));
        }
        out.println();
        out.println("-- sample users");
        out.printf(Locale.ROOT, "%10s  %-22s %9s %11s %8s %12s%n", "user_id", "user_name", "trx_count", "total_point",
                "ranking", "subs_amount");
        for (Map.Entry<Long, UserRecap> entry : report.samples().entrySet()) {
            UserRecap r = entry.getValue();
            out.printf(Locale.ROOT, "%10d  %-22s %9d %11s %8s %12s%n", entry.getKey(), r.userName(), r.trxCount(),
                    text(r.totalPoint()), text(r.topRanking()), text(r.cheaperSubsAmount()));
        }
        out.println();
        if (report.passed()) {
            out.println("OK: count, distribution and sample users match the synthetic data set (seed " + dataSeed + ")");
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        report.problems().forEach(problem -> err.println("FAILED: " + problem));
        return 1;
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
