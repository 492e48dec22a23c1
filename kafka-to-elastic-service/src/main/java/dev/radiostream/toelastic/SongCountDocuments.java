package dev.radiostream.toelastic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.octet_length;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.radiostream.spark.records.KafkaRecords;

/**
 * song-counts mode: one document per song, id radio|artist|title, upserted with the newest running total.
 * Within a micro-batch only the record with the highest offset of each song is written; across batches the
 * newest total always lands last. A replay writes the same totals again under the same ids: idempotent.
 */
final class SongCountDocuments implements ElasticBatchWriter.Documents {

    static final String ID = "doc_id";

    /** Checks on top of the schema; a record failing one is dead-lettered instead of written. */
    static KafkaRecords.Rule[] rules() {
        return new KafkaRecords.Rule[] {
                new KafkaRecords.Rule("negative count", col("count").lt(0)),
                // Elasticsearch refuses a longer _id for the whole bulk request, not for the one document.
                // Measured without building the id: this check runs for every record.
                new KafkaRecords.Rule("radio|artist|title longer than 512 bytes (Elasticsearch's limit for a document id)",
                        octet_length(col("radio")).plus(octet_length(col("artist"))).plus(octet_length(col("title")))
                                .plus(2).gt(512)) };
    }

    private static Column id() {
        return concat_ws("|", col("radio"), col("artist"), col("title"));
    }

    @Override
    public Dataset<Row> from(Dataset<Row> validRecords) {
        return KafkaRecords.latestPerKey(validRecords, List.of("radio", "artist", "title"),
                        List.of("count", KafkaRecords.PARTITION))
                .select(col(KafkaRecords.PARTITION), col(KafkaRecords.OFFSET), id().as(ID), col("radio"), col("artist"),
                        col("title"), col("count"), current_timestamp().as("updated_at"));
    }

    @Override
    public List<String> sentColumns() {
        return List.of(ID, "radio", "artist", "title", "count", "updated_at");
    }

    @Override
    public String idColumn() {
        return ID;
    }

    @Override
    public String excludedColumns() {
        return ID;
    }

    @Override
    public String operation() {
        return "upsert";
    }
}
