package dev.radiostream.tocassandra;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.spark.consumer.ConsumerSink;
import dev.radiostream.spark.records.KafkaRecords;

/**
 * The connector sink style: each micro-batch (on the driver, through foreachBatch) upserts the newest total of
 * every song with the Spark Cassandra Connector's DataFrame writer, the total as the row's write time (see
 * {@link SongCountTable}).
 */
final class ConnectorBatchWriter implements ConsumerSink.Batches {

    private static final List<String> SONG = List.of("radio", "artist", "title");
    /** Sent along, not a table column: the connector's "writetime" option makes it each row's write time. */
    private static final String WRITE_TIME_COLUMN = "write_time";

    private final CassandraEndpoint endpoint;
    private final String table;

    ConnectorBatchWriter(CassandraEndpoint endpoint, String table) {
        this.endpoint = endpoint;
        this.table = table;
    }

    @Override
    public void write(Dataset<Row> records, long batchId) {
        KafkaRecords.highestPerKey(records, SONG, "count", List.of())
                .select(col("radio"), col("artist"), col("title"), col("count"), current_timestamp().as("updated_at"),
                        col("count").as(WRITE_TIME_COLUMN))
                .write()
                .format("org.apache.spark.sql.cassandra")
                .options(connectorOptions())
                .option("writetime", WRITE_TIME_COLUMN)
                .mode(SaveMode.Append)
                .save();
    }

    /** Where and how the connector writes: our Cassandra settings (login and TLS included) in the connector's own option names. */
    private Map<String, String> connectorOptions() {
        List<InetSocketAddress> addresses = endpoint.addresses();
        Map<String, String> options = new HashMap<>();
        options.put("keyspace", endpoint.keyspace());
        options.put("table", table);
        options.put("spark.cassandra.connection.host",
                addresses.stream().map(InetSocketAddress::getHostString).collect(Collectors.joining(",")));
        options.put("spark.cassandra.connection.port", Integer.toString(addresses.get(0).getPort()));
        options.put("spark.cassandra.connection.localDC", endpoint.localDatacenter());
        options.putAll(endpoint.security().connectorOptions());
        return options;
    }
}
