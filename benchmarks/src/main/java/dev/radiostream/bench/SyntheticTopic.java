package dev.radiostream.bench;

import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The synthetic song-counts topic the Kafka → Cassandra / Elasticsearch contenders drain: {@code records}
 * running totals over {@code keys} songs. Each record picks a song uniformly at random (fixed seed, so every
 * run of the harness writes the same topic) and carries that song's running total, keyed radio|artist|title
 * like producer-service's output. Song k is radio "radio-(k mod 100)", artist "artist-(k mod 997)",
 * title "song-k". The last total of every song is the number of records it got: the sum of the stored counts
 * after a full drain must equal {@code records}, which the harness checks.
 */
final class SyntheticTopic {

    record Loaded(String topic, Map<Integer, Long> endOffsets, long records, long distinctKeys) {
    }

    private SyntheticTopic() {
    }

    static String name(long records, int keys, int partitions) {
        return "bench-song-counts-" + records + "-" + keys + "-p" + partitions;
    }

    static String radio(long key) {
        return "radio-" + (key % 100);
    }

    static String artist(long key) {
        return "artist-" + (key % 997);
    }

    static String title(long key) {
        return "song-" + key;
    }

    /** Writes the topic unless a complete one of the same parameters is there already (same seed, same content). */
    static Loaded ensure(Stores stores, long records, int keys, int partitions) throws Exception {
        String topic = name(records, keys, partitions);
        long distinct = distinctKeys(records, keys);
        Map<Integer, Long> ends = stores.endOffsets(topic);
        if (ends.size() == partitions && ends.values().stream().mapToLong(Long::longValue).sum() == records) {
            System.out.printf("Reusing topic %s (%,d records, %,d songs)%n", topic, records, distinct);
            return new Loaded(topic, ends, records, distinct);
        }
        stores.deleteTopic(topic);
        stores.createTopic(topic, partitions);
        long started = System.nanoTime();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stores.endpoints().kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] totals = new long[keys];
        SplittableRandom random = new SplittableRandom(20240601L);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < records; i++) {
                int key = random.nextInt(keys);
                long count = ++totals[key];
                String radio = radio(key);
                String artist = artist(key);
                String title = title(key);
                String value = "{\"radio\":\"" + radio + "\",\"artist\":\"" + artist + "\",\"title\":\"" + title
                        + "\",\"count\":" + count + "}";
                producer.send(new ProducerRecord<>(topic, radio + "|" + artist + "|" + title, value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        ends = stores.endOffsets(topic);
        System.out.printf("Wrote %,d records over %,d songs to %s in %.1f s%n", records, distinct, topic,
                (System.nanoTime() - started) / 1e9);
        return new Loaded(topic, ends, records, distinct);
    }

    /** How many of the keys the seeded draw uses (all of them unless records is small). */
    static long distinctKeys(long records, int keys) {
        boolean[] used = new boolean[keys];
        SplittableRandom random = new SplittableRandom(20240601L);
        long distinct = 0;
        for (long i = 0; i < records; i++) {
            int key = random.nextInt(keys);
            if (!used[key]) {
                used[key] = true;
                distinct++;
            }
        }
        return distinct;
    }
}
