package dev.radiostream.producer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.jboss.logging.Logger;

import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.kafka.KafkaSettings;
import dev.radiostream.spark.query.Checkpoints;
import dev.radiostream.spark.query.RunMode;
import dev.radiostream.spark.query.StreamingJob;
import dev.radiostream.spark.query.StreamingSettings;

/**
 * producer-service's query: a Parquet data set streamed into Kafka, as running song counts or as every play.
 * Its checkpoint is durable, so a restart continues where it stopped and never counts a file twice; the Kafka
 * sink may repeat the records of an interrupted batch, which carry the same totals again.
 */
@ApplicationScoped
public class ProducerJob implements StreamingJob {

    private static final Logger LOG = Logger.getLogger(ProducerJob.class);

    private final ProducerSettings settings;
    private final KafkaSettings kafka;
    private final KafkaAdmin admin;
    private final StreamingSettings streaming;
    private final ProducerMetrics metrics;
    private volatile long filesTotal = -1;
    private volatile long filesProcessed;
    private boolean startedFromScratch;

    public ProducerJob(ProducerSettings settings, KafkaSettings kafka, KafkaAdmin admin, StreamingSettings streaming,
            ProducerMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.kafka = kafka;
        this.admin = admin;
        this.streaming = streaming;
    }

    @Override
    public String name() {
        return "producer-" + (settings.mode() == ProducerSettings.Mode.PLAYS ? "plays" : "song-counts");
    }

    private String source() {
        return settings.mode() == ProducerSettings.Mode.PLAYS ? settings.playsSourcePath() : settings.sourcePath();
    }

    private String topic() {
        return settings.mode() == ProducerSettings.Mode.PLAYS ? settings.playsTopic() : settings.topic();
    }

    @Override
    public StreamingQuery start(SparkSession spark, RunMode mode) throws Exception {
        filesTotal = settings.mode() == ProducerSettings.Mode.PLAYS ? SourceFiles.count(source())
                : SourceFiles.count(source(), SongCountsQuery.RADIO);
        if (settings.fromScratch() && !startedFromScratch) {
            // Only the first start: a restart after a failure must continue from the checkpoint.
            deleteCheckpoint();
            startedFromScratch = true;
        }
        filesProcessed = Math.max(0, ProcessedFiles.count(settings.checkpointDirOrDefault()));
        metrics.track(name(), topic());
        metrics.files(filesProcessed, filesTotal);
        admin.ensureTopic(topic(), settings.topicPartitions());
        Dataset<Row> records = settings.mode() == ProducerSettings.Mode.PLAYS
                ? PlaysQuery.records(spark, settings)
                : SongCountsQuery.records(spark, settings);
        DataStreamWriter<Row> writer = records.writeStream()
                .queryName(name())
                .outputMode(settings.mode() == ProducerSettings.Mode.PLAYS ? "append" : "update")
                .format("kafka")
                .option("topic", topic())
                .option("checkpointLocation", settings.checkpointDirOrDefault())
                .trigger(mode.trigger(streaming.triggerInterval()));
        // Connection and security properties (SASL, TLS, ...) to Spark's Kafka producer.
        kafka.clientProperties().forEach((key, value) -> writer.option("kafka." + key, value));
        LOG.infof("Streaming %d files of %s to topic %s (%s, %d files per trigger)", filesTotal, source(), topic(),
                settings.mode() == ProducerSettings.Mode.PLAYS ? "every play"
                        : settings.allArtists() ? "all artists" : "artist " + settings.artist(),
                settings.filesPerTrigger());
        return writer.start();
    }

    @Override
    public void onProgress(StreamingQueryProgress progress) {
        long processed = ProcessedFiles.count(settings.checkpointDirOrDefault());
        if (processed >= 0) {
            filesProcessed = processed;
        }
        metrics.files(filesProcessed, filesTotal);
        metrics.batchFinished(progress);
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("source", source());
        status.put("topic", topic());
        status.put("filesTotal", filesTotal);
        status.put("filesProcessed", filesProcessed);
        return status;
    }

    private void deleteCheckpoint() {
        Path checkpoint = Path.of(settings.checkpointDirOrDefault());
        if (Files.exists(checkpoint)) {
            LOG.infof("Starting from scratch: deleting checkpoint %s", checkpoint);
            Checkpoints.delete(checkpoint);
        }
    }
}
