package com.forecap.bootstrap.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.forecap.application.cache.port.in.WarmCacheUseCase.WarmReport;
import com.forecap.application.cache.port.in.WarmCacheUseCase;
import com.forecap.application.shared.IdRange;
import com.forecap.bootstrap.config.ToolSettings.Part;
import com.forecap.bootstrap.wiring.Tools;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forecap warm-cache}: the guide's "pre-warm cache: load popular users", pipelined into Redis. */
@Command(name = "warm-cache", mixinStandardHelpOptions = true,
        description = {"Read recaps from MySQL and write them into Redis ahead of traffic (REDIS_HOST must be set).",
            "Example: warm-cache --ids 1-1000000, or warm-cache --top-by-trx 100000"})
public final class WarmCacheCli extends ToolCommand {

    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** One of the two ways to choose users. */
    static final class Which {
        @Option(names = "--ids", paramLabel = "FIRST-LAST", description = "an id range, e.g. 1-1000000")
        String ids;

        @Option(names = "--top-by-trx", paramLabel = "N", description = "the N users with the most transactions")
        Long top;
    }

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "users per read and per pipelined write (default: ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() {
        Which chosen = which;
        IdRange range = chosen.ids == null ? null : range(chosen.ids);
        if (chosen.top != null && chosen.top < 1) {
            throw usage("--top-by-trx must be at least 1, was " + chosen.top);
        }
        if (batch < 1 || batch > 100_000) {
            throw usage("--batch must be between 1 and 100000, was " + batch);
        }
        WarmReport report;
        Duration ttl;
        try (Tools tools = tools(null, Part.MYSQL, Part.REDIS, Part.SEED)) {
            ttl = tools.settings().requiredRedis("warm-cache").ttl();
            report = tools.cacheWarmer(ConsoleProgress.onStandardError())
                    .warm(new WarmCacheUseCase.WarmCacheCommand(range, chosen.top, batch));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "cached %,d recaps (%,d bytes of JSON before compression) in %s, %,.0f/s, ttl %s%n",
                report.cached(), report.bytes(), ConsoleProgress.format(report.elapsed()), report.perSecond(),
                ttl);
        WarmCacheUseCase.Room room = report.room();
        if (room.evicted() > 0) {
            // allkeys-lru: the entries written first are the least recently used, so they went first
            spec.commandLine().getErr().printf(Locale.ROOT, "warning: Redis is full: it evicted %,d entries while they were written "
                            + "(maxmemory %,d MiB%s), the users warmed first before the others.%s Warm only the users asked most, "
                            + "no more than fit, or give Redis more memory (README, Sizing).%n",
                    room.evicted(), room.maxBytes() >> 20,
                    room.bytesPerEntry() > 0 ? String.format(Locale.ROOT, ", %,d bytes per entry", room.bytesPerEntry()) : "",
                    room.holds() > 0 ? String.format(Locale.ROOT, " It holds about %,d users.", room.holds()) : "");
        }
        return 0;
    }

    private IdRange range(String text) {
        Matcher matcher = RANGE.matcher(text.replace("_", "").replace(",", ""));
        if (!matcher.matches()) {
            throw usage("--ids must look like FIRST-LAST, e.g. 1-1000000, was '" + text + "'");
        }
        try {
            return new IdRange(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            throw usage("--ids " + e.getMessage());
        }
    }
}
