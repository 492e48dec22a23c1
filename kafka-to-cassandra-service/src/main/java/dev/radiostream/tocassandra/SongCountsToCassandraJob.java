package dev.radiostream.tocassandra;

import static org.apache.spark.sql.functions.col;

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
import org.apache.spark.util.LongAccumulator;

import com.datastax.spark.connector.cql.CassandraConnector;

import dev.radiostream.common.cassandra.CassandraSessions;
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
 * kafka-to-cassandra-service's query: the song-counts topic upserted into Cassandra with the configured
 * sink style. Offsets: read from and stored to the kafka_offsets table (data first, offsets second).
 */
@ApplicationScoped
public class SongCountsToCassandraJob implements StreamingJob {

    private final SinkSettings sink;
    private final ConsumerSettings consumerSettings;
    private final StreamingSettings streaming;
    private final CassandraSessions cassandra;
    private final TrackedKafkaSource source;
    private final DeadLetters deadLetters;
    private volatile LongAccumulator executorRejects;
    private volatile long rejectsCountedBefore;
    private volatile Path checkpoint;

    public SongCountsToCassandraJob(SinkSettings sink, ConsumerSettings consumerSettings, StreamingSettings streaming,
            CassandraSessions cassandra, TrackedKafkaSource source, DeadLetters deadLetters) {
        this.sink = sink;
        this.consumerSettings = consumerSettings;
        this.streaming = streaming;
        this.cassandra = cassandra;
        this.source = source;
        this.deadLetters = deadLetters;
    }

    @Override
    public String name() {
        return "kafka-to-cassandra-" + sink.styleName();
    }

    String consumerId() {
        return consumerSettings.id().orElse(name());
    }

    @Override
    public StreamingQuery start(SparkSession spark, RunMode mode) throws Exception {
        SongCountTable.create(cassandra.session(), cassandra.keyspace(), sink.table());
        Dataset<Row> parsed = KafkaRecords.parse(source.open(spark, consumerId(), sink.topic()), Schemas.SONG_COUNT,
                consumerSettings.maxRecordBytes(), new KafkaRecords.Rule("negative count", col("count").lt(0)));
        checkpoint = Checkpoints.fresh(name());
        DataStreamWriter<Row> writer = parsed.writeStream()
                .queryName(name())
                .option("checkpointLocation", checkpoint.toString())
                .trigger(mode.trigger(streaming.triggerInterval()));
        if (sink.sinkStyle() == SinkSettings.SinkStyle.CONNECTOR) {
            // After a Cassandra outage the connector may keep a cached session whose control connection is gone;
            // its schema refresh then waits forever. Every (re)start begins with fresh connector sessions.
            CassandraConnector.evictCache();
            writer.foreachBatch(new ConnectorBatchWriter(cassandra.endpoint(), sink.table(), consumerId(), deadLetters));
        } else {
            executorRejects = spark.sparkContext().longAccumulator("rejected records");
            rejectsCountedBefore = 0;
            writer.foreach(new SongCountForeachWriter(cassandra.endpoint(), sink.table(), consumerId(),
                    sink.foreachMaxInFlight(), executorRejects));
        }
        return writer.start();
    }

    @Override
    public void onProgress(StreamingQueryProgress progress) {
        source.commit(progress);
        LongAccumulator rejects = executorRejects;
        if (rejects != null) {
            long total = rejects.value();
            deadLetters.count(total - rejectsCountedBefore);
            rejectsCountedBefore = total;
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
        status.put("sinkStyle", sink.styleName());
        status.put("topic", sink.topic());
        status.put("table", cassandra.keyspace() + "." + sink.table());
        status.put("nextOffsets", source.committedOffsets());
        status.put("rejectedRecords", deadLetters.rejectedCount());
        return status;
    }
}
