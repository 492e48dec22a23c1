package dev.radiostream.toelastic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.radiostream.spark.records.KafkaRecords;

/**
 * plays mode: one document per play, id = its stable eventId, with its event time as the date field
 * timestamp (a time histogram per radio in Kibana).
 * <p>
 * Duplicates are dropped twice over: in the stream, by an event-time watermark and Spark 3.5's
 * dropDuplicatesWithinWatermark on the eventId (a replay within the watermark delay is not written at all);
 * and in Elasticsearch, where the eventId is the document id (written with "index": a duplicate that gets
 * through, e.g. after a restart, which starts with empty state, replaces the document with the same one).
 */
final class PlayDocuments implements ElasticBatchWriter.Documents {

    static final String EVENT_TIME = "event_time";
    static final String DEDUP_KEY = "dedup_key";

    /** Checks on top of the schema; a record failing one is dead-lettered instead of written. */
    static KafkaRecords.Rule[] rules(Duration maxFutureSkew) {
        return new KafkaRecords.Rule[] {
                new KafkaRecords.Rule("blank eventId", trim(col("eventId")).equalTo("")),
                // Elasticsearch refuses a longer _id for the whole bulk request, not for the one document.
                new KafkaRecords.Rule("eventId longer than 512 bytes (Elasticsearch's limit for a document id)",
                        octet_length(col("eventId")).gt(512)),
                new KafkaRecords.Rule("negative timestamp", col("timestamp").lt(0)),
                // One absurd future timestamp would push the watermark ahead and make every later play late.
                new KafkaRecords.Rule("timestamp more than " + maxFutureSkew + " in the future",
                        col("timestamp").gt(unix_millis(current_timestamp()).plus(maxFutureSkew.toMillis()))) };
    }

    /**
     * The parsed records with the watermark on the event time and duplicates of an eventId dropped within it.
     * Rejected records must reach the batch (to be dead-lettered) untouched: they get no event time (null is
     * neither late nor counted in the watermark, which follows the maximum) and a key of their own (their
     * Kafka coordinates), so they are never taken for duplicates.
     */
    static Dataset<Row> deduplicated(Dataset<Row> parsed, Duration watermarkDelay) {
        Column valid = col(KafkaRecords.REJECT_REASON).isNull();
        return parsed
                .withColumn(EVENT_TIME, when(valid, timestamp_millis(col("timestamp"))))
                .withColumn(DEDUP_KEY, when(valid, col("eventId"))
                        .otherwise(concat_ws("#", lit("rejected"), col(KafkaRecords.PARTITION), col(KafkaRecords.OFFSET))))
                .withWatermark(EVENT_TIME, watermarkDelay.toMillis() + " milliseconds")
                .dropDuplicatesWithinWatermark(DEDUP_KEY);
    }

    @Override
    public Dataset<Row> from(Dataset<Row> validRecords) {
        return validRecords;
    }

    @Override
    public List<String> sentColumns() {
        return List.of("eventId", "radio", "artist", "title", "timestamp");
    }

    @Override
    public String idColumn() {
        return "eventId";
    }

    @Override
    public String excludedColumns() {
        return "";
    }

    @Override
    public Optional<String> versionColumn() {
        return Optional.empty(); // a play never changes: the same document again
    }
}
