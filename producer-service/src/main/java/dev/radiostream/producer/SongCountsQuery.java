package dev.radiostream.producer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.radiostream.spark.records.Schemas;

/**
 * The song-counts query: plays of one artist (or all), counted per (radio, artist, title), the running totals
 * of the keys that changed in each micro-batch (update mode) as Kafka records keyed radio|artist|title.
 */
final class SongCountsQuery {

    private SongCountsQuery() {
    }

    /** Kafka-ready rows (key, value) of the running totals. */
    static Dataset<Row> records(SparkSession spark, ProducerSettings settings) {
        Dataset<Row> plays = spark.readStream()
                .schema(Schemas.RADIO_PLAY)
                .option("maxFilesPerTrigger", settings.filesPerTrigger())
                .parquet(settings.sourcePath());
        Dataset<Row> selected = settings.allArtists() ? plays : plays.filter(col("artist").equalTo(settings.artist()));
        Dataset<Row> counts = selected.groupBy(col("radio"), col("artist"), col("title")).count();
        return counts.select(
                concat_ws("|", col("radio"), col("artist"), col("title")).as("key"),
                to_json(struct(col("radio"), col("artist"), col("title"), col("count"))).as("value"));
    }
}
