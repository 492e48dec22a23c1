package dev.radiostream.toelastic;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.jboss.logging.Logger;

import dev.radiostream.common.consumer.ConsumerSettings;
import dev.radiostream.common.consumer.DeadLetters;
import dev.radiostream.common.consumer.TrackedKafkaSource;
import dev.radiostream.common.spark.Checkpoints;
import dev.radiostream.common.spark.KafkaRecords;
import dev.radiostream.common.spark.RunMode;
import dev.radiostream.common.spark.Schemas;
import dev.radiostream.common.spark.StreamingJob;
import dev.radiostream.common.spark.StreamingSettings;

/**
 * kafka-to-elastic-service's query, in the configured mode: the song-counts topic upserted one document per
 * song, or every play of the radio-plays topic indexed once. The index is created with its mapping first.
 * Offsets: read from and stored to the kafka_offsets table (documents first, offsets second).
 */
@ApplicationScoped
public class KafkaToElasticJob implements StreamingJob {

    private static final Logger LOG = Logger.getLogger(KafkaToElasticJob.class);

    private final ElasticSinkSettings sink;
    private final ConsumerSettings consumerSettings;
    private final StreamingSettings streaming;
    private final ElasticsearchIndices indices;
    private final ConnectorOptions connectorOptions;
    private final TrackedKafkaSource source;
    private final DeadLetters deadLetters;
    private final AtomicLong documentsIndexed = new AtomicLong();
    private final AtomicLong lateRowsDropped = new AtomicLong();
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private volatile String watermark;
    private volatile Path checkpoint;

    public KafkaToElasticJob(ElasticSinkSettings sink, ConsumerSettings consumerSettings, StreamingSettings streaming,
            ElasticsearchIndices indices, ConnectorOptions connectorOptions, TrackedKafkaSource source,
            DeadLetters deadLetters) {
        this.sink = sink;
        this.consumerSettings = consumerSettings;
        this.streaming = streaming;
        this.indices = indices;
        this.connectorOptions = connectorOptions;
        this.source = source;
        this.deadLetters = deadLetters;
    }

    @Override
    public String name() {
        return "kafka-to-elastic-" + sink.modeName();
    }

    String consumerId() {
        return consumerSettings.id().orElse(name());
    }

    boolean playsMode() {
        return sink.mode() == ElasticSinkSettings.Mode.PLAYS;
    }

    @Override
    public StreamingQuery start(SparkSession spark, RunMode mode) throws Exception {
        indices.createIndex(sink.indexName(), playsMode() ? "mappings/plays.json" : "mappings/song-counts.json");
        Dataset<Row> kafka = source.open(spark, consumerId(), sink.topicName());
        Dataset<Row> records;
        ElasticBatchWriter.Documents documents;
        if (playsMode()) {
            records = PlayDocuments.deduplicated(KafkaRecords.parse(kafka, Schemas.PLAY_EVENT,
                    consumerSettings.maxRecordBytes(), PlayDocuments.rules(sink.maxFutureSkew())), sink.watermarkDelay());
            documents = new PlayDocuments();
        } else {
            records = KafkaRecords.parse(kafka, Schemas.SONG_COUNT, consumerSettings.maxRecordBytes(),
                    SongCountDocuments.rules());
            documents = new SongCountDocuments();
        }
        checkpoint = Checkpoints.fresh(name());
        return records.writeStream()
                .queryName(name())
                .option("checkpointLocation", checkpoint.toString())
                .trigger(mode.trigger(streaming.triggerInterval()))
                .foreachBatch(new ElasticBatchWriter(consumerId(), sink.indexName(), documents, connectorOptions,
                        deadLetters, documentsIndexed))
                .start();
    }

    @Override
    public void onProgress(StreamingQueryProgress progress) {
        source.commit(progress);
        if (progress.eventTime() != null && progress.eventTime().containsKey("watermark")) {
            watermark = progress.eventTime().get("watermark");
        }
        long late = 0;
        long duplicates = 0;
        for (StateOperatorProgress operator : progress.stateOperators()) {
            late += operator.numRowsDroppedByWatermark();
            Long dropped = operator.customMetrics().get("numDroppedDuplicateRows");
            duplicates += dropped == null ? 0 : dropped;
        }
        duplicatesDropped.addAndGet(duplicates);
        if (late > 0) {
            lateRowsDropped.addAndGet(late);
            LOG.warnf("Batch %d of %s: %d plays older than the watermark (%s, delay %s) were not indexed",
                    progress.batchId(), name(), late, watermark, sink.watermarkDelay());
        }
    }

    @Override
    public void onStopped(StreamingQuery query) {
        // The lifecycle has handed the last progress to onProgress already.
        source.close();
        Checkpoints.delete(checkpoint);
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("consumer", consumerId());
        status.put("mode", sink.modeName());
        status.put("topic", sink.topicName());
        status.put("index", sink.indexName());
        status.put("elasticsearch", indices.address());
        status.put("nextOffsets", source.committedOffsets());
        status.put("documentsIndexed", documentsIndexed.get());
        status.put("rejectedRecords", deadLetters.rejectedCount());
        if (playsMode()) {
            status.put("watermarkDelay", sink.watermarkDelay().toString());
            status.put("watermark", watermark);
            status.put("lateRowsDropped", lateRowsDropped.get());
            status.put("duplicatesDropped", duplicatesDropped.get());
        }
        return status;
    }
}
