package dev.radiostream.toelastic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;

import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.radiostream.spark.records.KafkaRecords;
import dev.radiostream.spark.records.Schemas;

/**
 * song-counts mode: one document per song, id radio|artist|title, indexed with the newest running total as its
 * external version. Within a micro-batch only the highest total of each song is sent; across batches and
 * partitions Elasticsearch keeps the highest version, so an older total that arrives late (a lagging partition
 * after partitions were added, a replay after an offsets reset) is superseded instead of written over a newer one.
 * A replay of the newest total writes the same document again (version type external_gte): idempotent.
 */
final class SongCountDocuments implements ElasticBatchWriter.Documents {

    static final String ID = "doc_id";

    /** Checks on top of the schema; a record failing one is dead-lettered instead of written. */
    static KafkaRecords.Rule[] rules() {
        return new KafkaRecords.Rule[] {
                Schemas.SONG_COUNT_NOT_NEGATIVE,
                // Elasticsearch refuses a longer _id for the whole bulk request, not for the one document.
                // The id's length is summed, not the id built: this check runs for every record.
                new KafkaRecords.Rule("radio|artist|title longer than 512 bytes (Elasticsearch's limit for a document id)",
                        song -> song.utf8Length("radio") + song.utf8Length("artist") + song.utf8Length("title") + 2 > 512) };
    }

    private static Column id() {
        return concat_ws("|", col("radio"), col("artist"), col("title"));
    }

    @Override
    public Dataset<Row> from(Dataset<Row> validRecords) {
        return KafkaRecords.highestPerKey(validRecords, List.of("radio", "artist", "title"), "count",
                        List.of(KafkaRecords.PARTITION, KafkaRecords.OFFSET))
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
    public Optional<String> versionColumn() {
        return Optional.of("count");
    }
}
