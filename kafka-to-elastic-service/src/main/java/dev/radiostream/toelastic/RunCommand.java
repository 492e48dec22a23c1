package dev.radiostream.toelastic;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.radiostream.core.elasticsearch.ElasticsearchSettings;
import dev.radiostream.core.cli.ConfigFileDefaults;
import dev.radiostream.spark.query.QueryRunner;
import dev.radiostream.spark.consumer.ConsumerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kafka-to-elastic-service run}: each option's descriptionKey is the configuration key it overrides. */
@Command(name = "run", mixinStandardHelpOptions = true, defaultValueProvider = ConfigFileDefaults.class,
        description = "Run the streaming query (as a service, or once over what is in the topic with --once).")
public class RunCommand implements Callable<Integer> {

    @Inject
    QueryRunner runner;

    @Mixin
    ConsumerOptions consumer;

    @Option(names = "--mode", descriptionKey = "kafka-to-elastic.mode", paramLabel = "song-counts|plays",
            description = "song-counts: one document per song with its newest total; plays: every play, once per event id "
                    + "(default " + ElasticSinkSettings.DEFAULT_MODE + ")")
    String mode;

    @Option(names = "--topic", descriptionKey = "kafka-to-elastic.topic",
            description = "topic to read (default " + ElasticSinkSettings.SONG_COUNTS_DEFAULT_NAME + ", or "
                    + ElasticSinkSettings.PLAYS_DEFAULT_NAME + " in plays mode)")
    String topic;

    @Option(names = "--index", descriptionKey = "kafka-to-elastic.index",
            description = "index to write (default " + ElasticSinkSettings.SONG_COUNTS_DEFAULT_NAME + ", or "
                    + ElasticSinkSettings.PLAYS_DEFAULT_NAME + " in plays mode)")
    String index;

    @Option(names = "--elasticsearch-url", descriptionKey = "elasticsearch.url", paramLabel = "URL",
            description = "Elasticsearch address (default " + ElasticsearchSettings.DEFAULT_URL + ")")
    String elasticsearchUrl;

    @Option(names = "--watermark-delay", descriptionKey = "kafka-to-elastic.watermark-delay", paramLabel = "DURATION",
            description = "plays mode: the event-time watermark's delay; a play arriving further behind the newest event time is counted late (and indexed all the same), e.g. 10m, 400d")
    String watermarkDelay;

    @Option(names = "--once", description = "process what is in the topic now, then exit (0 on success)")
    boolean once;

    @Override
    public Integer call() throws Exception {
        return runner.run(once);
    }
}
