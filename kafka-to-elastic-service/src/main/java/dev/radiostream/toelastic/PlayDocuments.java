package dev.radiostream.toelastic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.radiostream.spark.query.BatchWatermark;
import dev.radiostream.spark.records.KafkaRecords;

/**
 * plays mode: one document per play, id = its stable eventId, with its event time as the date field
 * timestamp (a time histogram per radio in Kibana).
 * <p>
 * Every valid play is indexed, late or not. The document id makes that idempotent: a duplicate (a replay, the
 * producer's retry) replaces its document with the same one, so Spark keeps no de-duplication state. The
 * event-time watermark (Spark's, on the event time) says which plays arrived late: those older than the
 * batch's watermark are counted as late plays, and indexed all the same.
 */
final class PlayDocuments implements ElasticBatchWriter.Documents {

    static final String EVENT_TIME = "event_time";
    /** True for a play older than the batch's watermark; counted by the writer, not stored. */
    static final String LATE = "late";

    /** The session the query was started from: the batch's watermark is read through it. */
    private final SparkSession querySession;

    PlayDocuments(SparkSession querySession) {
        this.querySession = querySession;
    }

    /** Checks on top of the schema; a record failing one is dead-lettered instead of written. */
    static KafkaRecords.Rule[] rules(Duration maxFutureSkew) {
        long maxFutureSkewMillis = maxFutureSkew.toMillis();
        return new KafkaRecords.Rule[] {
                new KafkaRecords.Rule("blank eventId", play -> onlySpaces(play.string("eventId"))),
                // Elasticsearch refuses a longer _id for the whole bulk request, not for the one document.
                new KafkaRecords.Rule("eventId longer than 512 bytes (Elasticsearch's limit for a document id)",
                        play -> play.utf8Length("eventId") > 512),
                new KafkaRecords.Rule("negative timestamp", play -> play.number("timestamp") < 0),
                // One absurd future timestamp would push the watermark ahead and make every later play late.
                // Judged against the parsing task's clock (a replay judges again; hosts' clocks must agree: NTP).
                new KafkaRecords.Rule("timestamp more than " + maxFutureSkew + " in the future",
                        play -> play.number("timestamp") > System.currentTimeMillis() + maxFutureSkewMillis) };
    }

    /** Empty or spaces only: blank as Spark's trim sees it (a tab or another space character is kept). */
    private static boolean onlySpaces(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * The parsed records with Spark's event-time watermark on their event time. Rejected records get no event
     * time: null is neither late nor counted in the watermark, which follows the newest event time.
     */
    static Dataset<Row> withEventTime(Dataset<Row> parsed, Duration watermarkDelay) {
        return parsed
                .withColumn(EVENT_TIME, when(col(KafkaRecords.REJECT_REASON).isNull(), timestamp_millis(col("timestamp"))))
                .withWatermark(EVENT_TIME, watermarkDelay.toMillis() + " milliseconds");
    }

    /** The plays, each marked late when at or before the batch's watermark (Spark's comparison for late rows). */
    @Override
    public Dataset<Row> from(Dataset<Row> validRecords) {
        Optional<Instant> watermark = BatchWatermark.ofCurrentBatch(querySession);
        Column late = watermark.isEmpty() ? lit(false) : col(EVENT_TIME).leq(lit(Timestamp.from(watermark.get())));
        return validRecords.withColumn(LATE, late);
    }

    @Override
    public List<String> sentColumns() {
        return List.of("eventId", "radio", "artist", "title", "timestamp", LATE);
    }

    @Override
    public String idColumn() {
        return "eventId";
    }

    @Override
    public String excludedColumns() {
        return LATE;
    }

    @Override
    public Optional<String> lateColumn() {
        return Optional.of(LATE);
    }

    @Override
    public Optional<String> versionColumn() {
        return Optional.empty(); // a play never changes: the same document again
    }
}
