package com.forecap.bootstrap.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import com.forecap.adapter.out.redis.RedisCacheDictionary;
import com.forecap.application.cache.port.in.TrainCacheDictionaryUseCase;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.config.ToolSettings.Part;
import com.forecap.bootstrap.config.ToolSettings;
import com.forecap.bootstrap.wiring.Tools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code forecap cache-dictionary train}: the Redis compression dictionary, trained on the stored (real) recaps. */
@Command(name = "cache-dictionary", mixinStandardHelpOptions = true,
        description = "The compression dictionary of the Redis cache entries.",
        subcommands = CacheDictionaryCommand.Train.class)
public final class CacheDictionaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: train");
    }

    /** Trains and stores. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Sample recaps from MySQL, train a dictionary on them and store it in Redis (user:recap:dictionary).",
                "Instances read it at start: restart them (rolling) afterwards; entries written with the old dictionary are misses."})
    static final class Train extends ToolCommand {

        @Option(names = "--sample", paramLabel = "N", defaultValue = "4000",
                description = "recaps to train on (default: ${DEFAULT-VALUE}; a quarter more are read to measure)")
        int sample;

        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "seed of the sample's choice")
        long seed;

        @Override
        public Integer call() {
            if (sample < 100 || sample > 100_000) {
                throw usage("--sample must be between 100 and 100000, was " + sample);
            }
            try (Tools tools = tools(null, Part.MYSQL, Part.REDIS, Part.SEED)) {
                ToolSettings settings = tools.settings();
                Tools.DictionaryTraining training = tools.dictionaryTrainer();
                TrainCacheDictionaryUseCase.Result result = training.useCase().train(sample, seed);
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "stored dictionary %d (%,d bytes) in Redis key %s%s, trained on %,d recaps from %s.user_recap_data; "
                                + "replaces %s%n"
                                + "bytes per cached user on %,d held-out recaps: JSON %.0f, with the previous dictionary %.0f, "
                                + "with the new one %.0f%n"
                                + "restart the instances (rolling) to use it; until then entries written with the other "
                                + "dictionary count as misses%n",
                        result.id(), result.bytes(), settings.requiredRedis("cache-dictionary train").keyPrefix(),
                        RedisCacheDictionary.KEY, result.sampled() - result.sampled() / 5, settings.mysql().orElseThrow().database(),
                        training.replaces(), result.sampled() / 5, result.jsonBytesPerUser(), result.bytesBefore(),
                        result.bytesAfter());
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
            return 0;
        }
    }
}
