package dev.radiostream.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.spark.query.RunMode;

/** Runs a service's query once over what is there, as {@code run --once} does, and checks how it ended. */
public final class QueryRuns {

    private QueryRuns() {
    }

    public static void runOnce(QueryLifecycle lifecycle) throws InterruptedException {
        runOnce(lifecycle, QueryLifecycle.Phase.COMPLETED);
    }

    public static void runOnce(QueryLifecycle lifecycle, QueryLifecycle.Phase expected) throws InterruptedException {
        lifecycle.start(RunMode.ONCE);
        assertTrue(lifecycle.awaitEnd(Duration.ofMinutes(3)), "the query did not end");
        assertEquals(expected, lifecycle.phase(), String.valueOf(lifecycle.reason()));
    }

    /** Waits until the running query has stored the topic's present end offsets as the consumer's next ones. */
    public static void awaitOffsetsAtTheEnd(QueryLifecycle lifecycle, KafkaAdmin kafka, KafkaOffsetStore offsets,
            String consumer, String topic) {
        Map<Integer, Long> end = kafka.latestOffsets(topic);
        Await.until(Duration.ofSeconds(90), "the query to store the offsets " + end + " (" + lifecycle.reason() + ")",
                () -> end.equals(offsets.nextOffsets(consumer, topic)));
    }
}
