package dev.radiostream.producer;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.radiostream.spark.query.QueryRunner;
import dev.radiostream.core.cli.ConfigFileDefaults;
import dev.radiostream.core.cli.KafkaOptions;
import dev.radiostream.spark.query.SparkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code producer-service run}: options override application.properties and environment variables; each
 * option's descriptionKey is the configuration key it sets (see ServiceLauncher).
 */
@Command(name = "run", mixinStandardHelpOptions = true, defaultValueProvider = ConfigFileDefaults.class,
        description = "Run the streaming query (as a service, or once over what is there with --once).")
public class RunCommand implements Callable<Integer> {

    @Inject
    QueryRunner runner;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SparkOptions spark;

    @Option(names = "--mode", descriptionKey = "producer.mode", paramLabel = "song-counts|plays",
            description = "song-counts: running totals per song; plays: every broadcast event (default: "
                    + ProducerSettings.DEFAULT_MODE + ")")
    String mode;

    @Option(names = "--source", descriptionKey = "producer.source-path", paramLabel = "PATH",
            description = "partitioned radio-plays Parquet data set (song-counts mode)")
    String source;

    @Option(names = "--plays-source", descriptionKey = "producer.plays-source-path", paramLabel = "PATH",
            description = "broadcast.parquet (plays mode)")
    String playsSource;

    @Option(names = "--artist", descriptionKey = "producer.artist", description = "artist to count (default: "
            + ProducerSettings.DEFAULT_ARTIST + ")")
    String artist;

    @Option(names = "--all-artists", descriptionKey = "producer.all-artists", description = "count every artist")
    boolean allArtists;

    @Option(names = "--files-per-trigger", descriptionKey = "producer.files-per-trigger", paramLabel = "N",
            description = "Parquet files per micro-batch")
    Integer filesPerTrigger;

    @Option(names = "--topic", descriptionKey = "producer.topic", description = "song-counts topic")
    String topic;

    @Option(names = "--plays-topic", descriptionKey = "producer.plays-topic", description = "radio-plays topic")
    String playsTopic;

    @Option(names = "--checkpoint-dir", descriptionKey = "producer.checkpoint-dir", paramLabel = "DIR",
            description = "durable checkpoint directory (a restart continues from it)")
    String checkpointDir;

    @Option(names = "--from-scratch", descriptionKey = "producer.from-scratch",
            description = "delete the checkpoint first and count everything again")
    boolean fromScratch;

    @Option(names = "--trigger-interval", descriptionKey = "streaming.trigger-interval", paramLabel = "DURATION",
            description = "time between micro-batches, e.g. 1s, 500ms")
    String triggerInterval;

    @Option(names = "--once", description = "process the files there now, then exit (0 on success)")
    boolean once;

    @Override
    public Integer call() throws Exception {
        return runner.run(once);
    }
}
