package dev.radiostream.spark.records;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.radiostream.testing.KafkaRows;
import dev.radiostream.core.offsets.RejectedRecord;

/** Parsing and per-key de-duplication of Kafka rows, on a local Spark session with hand-made rows. */
class KafkaRecordsTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("kafka-records-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static Dataset<Row> kafkaRows(String... values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(KafkaRows.row(values[i], 0, i));
        }
        return KafkaRows.of(spark, rows);
    }

    private static Map<Long, String> reasonsByOffset(Dataset<Row> parsed) {
        return parsed.collectAsList().stream().collect(Collectors.toMap(r -> r.<Long>getAs("offset"),
                r -> String.valueOf((Object) r.getAs(KafkaRecords.REJECT_REASON))));
    }

    @Test
    void goodRecordsKeepEveryCharacterAndBadOnesSayWhy() {
        Dataset<Row> parsed = KafkaRecords.parse(kafkaRows(
                        "{\"radio\":\"nova\",\"artist\":\"Céline\",\"title\":\"L'été ’indien’ \\\"live\\\" 🎵\",\"count\":3}",
                        "not json at all",
                        "{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":\"many\"}",
                        "{\"radio\":\"nova\",\"artist\":\"A\",\"count\":1}",
                        "{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":-1}",
                        null,
                        "{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"" + "x".repeat(200) + "\",\"count\":1}",
                        "[1,2]"),
                Schemas.SONG_COUNT, 150, Schemas.SONG_COUNT_NOT_NEGATIVE);

        Map<Long, String> reasons = reasonsByOffset(parsed);
        assertEquals("null", reasons.get(0L));
        assertEquals("not valid JSON", reasons.get(1L));
        assertEquals("a field has the wrong type (expected radio: string, artist: string, title: string, count: bigint)",
                reasons.get(2L));
        assertEquals("missing field title", reasons.get(3L));
        assertEquals("negative count", reasons.get(4L));
        assertEquals("empty value", reasons.get(5L));
        assertEquals("value larger than 150 bytes", reasons.get(6L));
        assertEquals("not a JSON object", reasons.get(7L));
        // Each reason falls in one of a few categories: the bounded label of consumer_records_rejected_total.
        Map<Long, RejectReason> categories = reasons.entrySet().stream().filter(e -> !e.getValue().equals("null"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> RejectReason.of(e.getValue())));
        assertEquals(Map.of(1L, RejectReason.MALFORMED_JSON, 2L, RejectReason.WRONG_TYPE, 3L, RejectReason.MISSING_FIELD,
                4L, RejectReason.INVALID_VALUE, 5L, RejectReason.EMPTY_VALUE, 6L, RejectReason.TOO_LARGE,
                7L, RejectReason.MALFORMED_JSON), categories);

        Row good = parsed.filter(col(KafkaRecords.REJECT_REASON).isNull()).collectAsList().get(0);
        assertEquals("Céline", good.getAs("artist"));
        assertEquals("L'été ’indien’ \"live\" 🎵", good.getAs("title"));
        assertEquals(3L, good.<Long>getAs("count"));
        assertNull(good.getAs(KafkaRecords.REJECT_REASON));
        assertNull(good.getAs(KafkaRecords.RAW_RECORD), "a valid record does not carry its raw record");
        List<Row> rejected = parsed.filter(col(KafkaRecords.REJECT_REASON).isNotNull()).collectAsList();
        assertEquals(7, rejected.size());
        Row raw = rejected.stream().filter(r -> r.<Long>getAs("offset") == 1L).findFirst().orElseThrow()
                .getAs(KafkaRecords.RAW_RECORD);
        RejectedRecord deadLetter = KafkaRecords.rejectedRecord("song-counts", raw, "not valid JSON", 1000);
        assertEquals("not json at all", deadLetter.rawValue(), "a rejected record keeps its raw value");
        assertEquals(1L, deadLetter.offset());
    }

    @Test
    void highestPerKeyKeepsTheHighestTotalWhicheverPartitionItCameFrom() {
        // Song T's totals in two partitions (as after partitions were added): the newest, 5, sits at a lower
        // offset than an older total, 4, of the other partition.
        Dataset<Row> parsed = KafkaRecords.parse(KafkaRows.of(spark, List.of(
                KafkaRows.row("{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":1}", 0, 0),
                KafkaRows.row("{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":3}", 0, 1),
                KafkaRows.row("{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"U\",\"count\":7}", 0, 2),
                KafkaRows.row("{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":4}", 0, 9),
                KafkaRows.row("{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":5}", 4, 2),
                KafkaRows.row("{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":2}", 4, 1))),
                Schemas.SONG_COUNT, 1000);

        Dataset<Row> highest = KafkaRecords.highestPerKey(parsed.filter(col(KafkaRecords.REJECT_REASON).isNull()),
                List.of("radio", "artist", "title"), "count", List.of(KafkaRecords.PARTITION, KafkaRecords.OFFSET));
        Map<String, List<Long>> byTitle = highest.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("title"),
                r -> List.of(r.<Long>getAs("count"), (long) r.<Integer>getAs(KafkaRecords.PARTITION), r.<Long>getAs(KafkaRecords.OFFSET))));
        assertEquals(Map.of("T", List.of(5L, 4L, 2L), "U", List.of(7L, 0L, 2L)), byTitle,
                "the highest total, with the coordinates of the record that holds it");
        // Fixed-width values: a hash aggregate, never a sort of every row.
        String plan = highest.queryExecution().executedPlan().toString();
        assertTrue(plan.contains("HashAggregate") && !plan.contains("SortAggregate"), plan);
    }
}
