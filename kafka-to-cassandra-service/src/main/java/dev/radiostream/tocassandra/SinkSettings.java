package dev.radiostream.tocassandra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of kafka-to-cassandra-service (prefix kafka-to-cassandra.*, environment KAFKA_TO_CASSANDRA_*). */
@ConfigMapping(prefix = "kafka-to-cassandra")
public interface SinkSettings {

    enum SinkStyle { CONNECTOR, FOREACH_WRITER }

    /** The default the help of run --topic shows too. */
    String DEFAULT_TOPIC = "song-counts";

    /** connector: foreachBatch + the Spark Cassandra Connector; foreach-writer: a ForeachWriter on the Java driver. */
    @WithDefault("connector")
    SinkStyle sinkStyle();

    @WithDefault(DEFAULT_TOPIC)
    String topic();

    /** Table written by the connector style. */
    @WithDefault("song_counts")
    String connectorTable();

    /** Table written by the foreach-writer style. */
    @WithDefault("song_counts_foreach")
    String foreachTable();

    /** Writes in flight at once per partition task in the foreach-writer style. */
    @WithDefault("64")
    int foreachMaxInFlight();

    default String table() {
        return sinkStyle() == SinkStyle.CONNECTOR ? connectorTable() : foreachTable();
    }

    default String styleName() {
        return sinkStyle().name().toLowerCase().replace('_', '-');
    }
}
