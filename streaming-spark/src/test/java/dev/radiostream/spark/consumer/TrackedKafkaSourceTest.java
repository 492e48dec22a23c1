package dev.radiostream.spark.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Reading the end offsets Spark reports for a Kafka source after a micro-batch. */
class TrackedKafkaSourceTest {

    @Test
    void endOffsetsOfOurTopicOnly() {
        String json = "{\"song-counts\":{\"2\":17,\"0\":5,\"1\":0},\"other\":{\"0\":99}}";
        assertEquals(Map.of(0, 5L, 1, 0L, 2, 17L), TrackedKafkaSource.endOffsets(json, "song-counts"));
    }

    @Test
    void nothingFromEmptyOrForeignOffsets() {
        assertEquals(Map.of(), TrackedKafkaSource.endOffsets(null, "song-counts"));
        assertEquals(Map.of(), TrackedKafkaSource.endOffsets("", "song-counts"));
        assertEquals(Map.of(), TrackedKafkaSource.endOffsets("{\"logOffset\":3}", "song-counts"));
    }
}
