package dev.radiostream.producer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.radiostream.spark.records.Schemas;

/**
 * The plays query: every broadcast event of broadcast.parquet as one JSON record on the radio-plays topic,
 * keyed by radio. Each play gets a stable event id derived from where it is stored (file and row), so the
 * same play always has the same id and a replay can be recognised downstream.
 */
final class PlaysQuery {

    private PlaysQuery() {
    }

    static Dataset<Row> records(SparkSession spark, ProducerSettings settings) {
        Dataset<Row> plays = spark.readStream()
                .schema(Schemas.BROADCAST)
                .option("maxFilesPerTrigger", settings.filesPerTrigger())
                .parquet(settings.playsSourcePath());
        // The file name and the row's position in it identify a play for good; the content alone does not:
        // 1,149 (radio, second, artist, title) combinations occur more than once in broadcast.parquet.
        Column eventId = sha2(concat_ws("#", col("_metadata.file_name"), col("_metadata.row_index").cast("string")), 256)
                .substr(1, 32);
        Column epochMillis = col("timestamp").cast("double").multiply(1000).cast("long");
        return plays.select(
                col("radio").as("key"),
                to_json(struct(eventId.as("eventId"), col("radio"), epochMillis.as("timestamp"),
                        col("artist"), col("title"))).as("value"));
    }
}
