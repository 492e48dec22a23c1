package dev.radiostream.toelastic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.types.StructType;
import org.jboss.logging.Logger;

import dev.radiostream.spark.consumer.ConsumerRuntime;
import dev.radiostream.spark.consumer.ConsumerSink;
import dev.radiostream.spark.consumer.KafkaConsumerJob;
import dev.radiostream.core.kafka.KafkaRecordReader;
import dev.radiostream.spark.records.KafkaRecords;
import dev.radiostream.spark.records.Schemas;

/**
 * kafka-to-elastic-service's query, in the configured mode: the song-counts topic upserted one document per
 * song, or every play of the radio-plays topic indexed once. The index is created with its mapping first.
 * Reading, dead letters and offsets belong to {@link KafkaConsumerJob} (documents first, offsets second).
 */
// A singleton, not proxied: the template it extends takes its collaborators in its constructor.
@Singleton
public class KafkaToElasticJob extends KafkaConsumerJob {

    private static final Logger LOG = Logger.getLogger(KafkaToElasticJob.class);

    private final ElasticSinkSettings sink;
    private final ElasticsearchIndices indices;
    private final ConnectorOptions connectorOptions;
    private final KafkaRecordReader kafkaRecords;
    private final LatePlays latePlays;
    private final AtomicLong documentsIndexed = new AtomicLong();
    private volatile String watermark;
    private volatile long documentsIndexedSeen;

    public KafkaToElasticJob(ElasticSinkSettings sink, ConsumerRuntime runtime, ElasticsearchIndices indices,
            ConnectorOptions connectorOptions, KafkaRecordReader kafkaRecords, LatePlays latePlays) {
        super(runtime);
        this.sink = sink;
        this.indices = indices;
        this.connectorOptions = connectorOptions;
        this.kafkaRecords = kafkaRecords;
        this.latePlays = latePlays;
    }

    @Override
    public String name() {
        return "kafka-to-elastic-" + sink.modeName();
    }

    boolean playsMode() {
        return sink.mode() == ElasticSinkSettings.Mode.PLAYS;
    }

    @Override
    protected String topic() {
        return sink.topicName();
    }

    @Override
    protected StructType schema() {
        return playsMode() ? Schemas.PLAY_EVENT : Schemas.SONG_COUNT;
    }

    @Override
    protected KafkaRecords.Rule[] rules() {
        return playsMode() ? PlayDocuments.rules(sink.maxFutureSkew()) : SongCountDocuments.rules();
    }

    @Override
    protected void prepare() throws Exception {
        indices.createIndex(sink.indexName(), playsMode() ? "mappings/plays.json" : "mappings/song-counts.json");
        if (playsMode()) {
            latePlays.track(consumerId(), topic());
        }
    }

    @Override
    protected Dataset<Row> shape(Dataset<Row> parsedRecords) {
        return playsMode() ? PlayDocuments.withEventTime(parsedRecords, sink.watermarkDelay()) : parsedRecords;
    }

    @Override
    protected ConsumerSink sink(SparkSession spark) {
        ElasticBatchWriter.Documents documents = playsMode() ? new PlayDocuments(spark) : new SongCountDocuments();
        return new ElasticBatchWriter(consumerId(), topic(), sink.indexName(), documents, connectorOptions,
                runtime().deadLetters(), kafkaRecords, documentsIndexed, this::latePlaysIndexed);
    }

    private void latePlaysIndexed(long plays) {
        if (plays > 0) {
            latePlays.add(plays);
            LOG.warnf("%s: %d plays arrived older than the watermark (delay %s); indexed all the same",
                    name(), plays, sink.watermarkDelay());
        }
    }

    @Override
    protected void afterBatch(StreamingQueryProgress progress) {
        if (progress.eventTime() != null && progress.eventTime().containsKey("watermark")) {
            watermark = progress.eventTime().get("watermark");
        }
    }

    @Override
    protected String sinkName() {
        return sink.indexName();
    }

    /** What Elasticsearch indexed in the batch (refused documents and superseded song totals left out). */
    @Override
    protected long recordsWritten(StreamingQueryProgress progress, long rejectedInBatch) {
        long indexed = documentsIndexed.get();
        long inBatch = indexed - documentsIndexedSeen;
        documentsIndexedSeen = indexed;
        return inBatch;
    }

    @Override
    protected Map<String, Object> sinkStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("mode", sink.modeName());
        status.put("index", sink.indexName());
        status.put("elasticsearch", indices.address());
        status.put("documentsIndexed", documentsIndexed.get());
        if (playsMode()) {
            status.put("watermarkDelay", sink.watermarkDelay().toString());
            status.put("watermark", watermark);
            status.put("latePlays", latePlays.count());
        }
        return status;
    }
}
