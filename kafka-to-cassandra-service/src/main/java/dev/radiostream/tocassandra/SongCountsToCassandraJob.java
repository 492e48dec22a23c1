package dev.radiostream.tocassandra;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.spark.consumer.ConsumerRuntime;
import dev.radiostream.spark.consumer.ConsumerSink;
import dev.radiostream.spark.consumer.KafkaConsumerJob;
import dev.radiostream.spark.records.KafkaRecords;
import dev.radiostream.spark.records.Schemas;

/**
 * kafka-to-cassandra-service's query: the song-counts topic upserted into Cassandra with the configured
 * sink style. Reading, dead letters and offsets belong to {@link KafkaConsumerJob}.
 */
// A singleton, not proxied: the template it extends takes its collaborators in its constructor.
@Singleton
public class SongCountsToCassandraJob extends KafkaConsumerJob {

    private final SinkSettings sink;
    private final CassandraSessions cassandra;

    public SongCountsToCassandraJob(SinkSettings sink, CassandraSessions cassandra, ConsumerRuntime runtime) {
        super(runtime);
        this.sink = sink;
        this.cassandra = cassandra;
    }

    @Override
    public String name() {
        return "kafka-to-cassandra-" + sink.styleName();
    }

    @Override
    protected String topic() {
        return sink.topic();
    }

    @Override
    protected StructType schema() {
        return Schemas.SONG_COUNT;
    }

    @Override
    protected KafkaRecords.Rule[] rules() {
        return new KafkaRecords.Rule[] { Schemas.SONG_COUNT_NOT_NEGATIVE };
    }

    @Override
    protected void prepare() {
        SongCountTable.create(cassandra.session(), cassandra.keyspace(), sink.table());
        SongCountTable.checkWriteTimes(cassandra.session(), cassandra.keyspace(), sink.table());
    }

    @Override
    protected ConsumerSink sink(SparkSession spark) {
        if (sink.sinkStyle() == SinkSettings.SinkStyle.CONNECTOR) {
            // After a Cassandra outage the connector may hand out a session whose schema refresh waits forever
            // (see ConnectorSessions): every (re)start begins with fresh connector sessions.
            ConnectorSessions.closeAll();
            return new ConnectorBatchWriter(cassandra.endpoint(), sink.table());
        }
        return (ConsumerSink.Rows) input -> new SongCountForeachWriter(input, cassandra.endpoint(), sink.table(),
                sink.foreachMaxInFlight());
    }

    @Override
    protected String sinkName() {
        return cassandra.keyspace() + "." + sink.table();
    }

    @Override
    protected Map<String, Object> sinkStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sinkStyle", sink.styleName());
        status.put("table", cassandra.keyspace() + "." + sink.table());
        return status;
    }
}
