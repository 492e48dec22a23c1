package dev.radiostream.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.radiostream.core.model.JsonCodec;
import dev.radiostream.core.model.SongCount;

/** Plain Kafka clients for tests: write records the way a user would, read a topic back whole. */
public final class KafkaTestClient {

    private final String bootstrapServers;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends records (key, value pairs in order) and waits until Kafka acknowledged all of them. */
    public void send(String topic, List<Map.Entry<String, String>> records) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (Map.Entry<String, String> record : records) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()));
            }
            producer.flush();
        }
    }

    public void send(String topic, String key, String value) {
        send(topic, List.of(Map.entry(key, value)));
    }

    /** Sends song counts as producer-service does: key radio|artist|title, JSON value. */
    public void sendSongCounts(String topic, List<SongCount> counts) {
        send(topic, counts.stream().map(count -> Map.entry(count.key(), JsonCodec.toJson(count))).toList());
    }

    /**
     * Sends song counts as producer-service does, but all into one partition: a song's records in two
     * partitions, as after partitions were added to its topic.
     */
    public void sendSongCountsTo(String topic, int partition, List<SongCount> counts) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (SongCount count : counts) {
                producer.send(new ProducerRecord<>(topic, partition, count.key(), JsonCodec.toJson(count)));
            }
            producer.flush();
        }
    }

    /** Sends raw values under one key, e.g. malformed records. */
    public void sendValues(String topic, String key, List<String> values) {
        send(topic, values.stream().map(value -> Map.entry(key, value)).toList());
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Every record currently in the topic, partition by partition, in offset order. */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    /** The last value of every key in the topic: what a compacted topic would keep. */
    public Map<String, String> lastValuePerKey(String topic) {
        Map<String, String> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : readAll(topic)) {
            last.put(record.key(), record.value());
        }
        return last;
    }
}
