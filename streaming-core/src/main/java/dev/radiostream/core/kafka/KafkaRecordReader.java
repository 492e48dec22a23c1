package dev.radiostream.core.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads single Kafka records by their coordinates, on the driver: for the rare record whose raw value the hot
 * path did not carry (a document a store refused after parsing), so the dead letter holds the exact record.
 */
@ApplicationScoped
public class KafkaRecordReader {

    /** A record's coordinates within a topic. */
    public record Coordinates(int partition, long offset) {
    }

    private final KafkaSettings settings;

    public KafkaRecordReader(KafkaSettings settings) {
        this.settings = settings;
    }

    /** The records at these coordinates (key, value, timestamp); a record that is gone is left out. */
    public Map<Coordinates, ConsumerRecord<byte[], byte[]>> records(String topic, List<Coordinates> wanted) {
        Properties props = new Properties();
        props.putAll(settings.clientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        Map<Coordinates, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (Coordinates coordinates : wanted) {
                TopicPartition partition = new TopicPartition(topic, coordinates.partition());
                consumer.assign(List.of(partition));
                consumer.seek(partition, coordinates.offset());
                long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
                while (System.nanoTime() < deadline) {
                    var records = consumer.poll(Duration.ofMillis(200)).records(partition);
                    if (!records.isEmpty()) {
                        ConsumerRecord<byte[], byte[]> record = records.get(0);
                        if (record.offset() == coordinates.offset()) {
                            found.put(coordinates, record);
                        }
                        break;
                    }
                }
            }
        }
        return found;
    }
}
