package dev.radiostream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.radiostream.bench.baseline.BatchConsumer;

/**
 * A synthetic input topic of the Kafka → store sections. Its records come from a {@link Generator}: record i
 * is the same in every run (fixed seed). The base topic holds records 0 .. records-1; it is written once and
 * reused by name by later runs with the same parameters. Each contender-run drains a copy of it (same
 * partitions, same bytes, same offsets) and then gets records records .. 2 × records-1 appended to that copy
 * (the warm drain); the copy is deleted afterwards.
 */
final class SyntheticTopic {

    /** The base topic as it is in Kafka. */
    record Loaded(String topic, Map<Integer, Long> endOffsets, long records) {
    }

    /** Records appended to a topic: System.nanoTime() just before the first send and after the flush. */
    record Append(long firstSendNanos, long flushedNanos, Map<Integer, Long> endOffsets) {
        double seconds() {
            return (flushedNanos - firstSendNanos) / 1e9;
        }
    }

    /** The records of a synthetic topic, and what a store holds after draining a prefix of them. */
    interface Generator {
        /** Base topic name for {@code records} records over {@code partitions} partitions. */
        String name(long records, int partitions);

        /**
         * Records from, from+1, ... of the sequence; {@code count} (how many the caller will take) and
         * {@code nowMillis} place event times (plays: spread over the day before now).
         */
        Cursor cursor(long from, long count, long nowMillis);

        /** What a store must hold after draining records 0 .. records-1. */
        Expected expected(long records);

        /** One line for the report: what the records are. */
        String describe();
    }

    interface Cursor {
        /** The next record's key and value (UTF-8 bytes). */
        byte[][] next();
    }

    /** A store's expected content; {@link #check} compares what a run wrote against it. */
    record Expected(long rows, long countSum, Map<String, Long> perRadio) {

        Check check(Stores.Written written) {
            if (perRadio == null) {
                boolean ok = written.rows() == rows && written.countSum() == countSum;
                return new Check(ok, String.format("%,d rows, sum %,d", written.rows(), written.countSum())
                        + (ok ? "" : String.format(" (expected %,d rows, sum %,d)", rows, countSum)));
            }
            StringBuilder text = new StringBuilder(String.format("%,d docs", written.rows()));
            boolean ok = written.rows() == rows;
            if (!ok) {
                text.append(String.format(" (expected %,d)", rows));
            }
            Map<String, Long> got = written.perRadio() == null ? Map.of() : written.perRadio();
            List<String> wrong = new ArrayList<>();
            for (String radio : new java.util.TreeSet<>(union(perRadio.keySet(), got.keySet()))) {
                long want = perRadio.getOrDefault(radio, 0L);
                long have = got.getOrDefault(radio, 0L);
                if (want != have) {
                    wrong.add(String.format("%s %,d ≠ %,d", radio, have, want));
                }
            }
            if (wrong.isEmpty()) {
                text.append(String.format(", %d radios' counts match", perRadio.size()));
            } else {
                ok = false;
                text.append(String.format(", %d radio(s) off: ", wrong.size()))
                        .append(String.join(", ", wrong.subList(0, Math.min(3, wrong.size()))));
            }
            return new Check(ok, text.toString());
        }

        private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
            java.util.Set<String> all = new java.util.HashSet<>(a);
            all.addAll(b);
            return all;
        }
    }

    record Check(boolean ok, String text) {
    }

    private static final long SEED = 20240601L;

    private final Generator generator;
    private final long records;
    private final int partitions;

    SyntheticTopic(Generator generator, long records, int partitions) {
        this.generator = generator;
        this.records = records;
        this.partitions = partitions;
    }

    static SyntheticTopic songCounts(long records, int keys, int partitions) {
        return new SyntheticTopic(new SongCounts(keys), records, partitions);
    }

    static SyntheticTopic plays(long records, int partitions) {
        return new SyntheticTopic(new Plays(), records, partitions);
    }

    long records() {
        return records;
    }

    Generator generator() {
        return generator;
    }

    /** Writes the base topic unless a complete one of the same parameters is there already (same seed, same content). */
    Loaded ensure(Stores stores) throws Exception {
        String topic = generator.name(records, partitions);
        Map<Integer, Long> ends = stores.endOffsets(topic);
        Map<Integer, Long> starts = stores.startOffsets(topic);
        if (ends.size() == partitions && ends.values().stream().mapToLong(Long::longValue).sum() == records
                && starts.values().stream().allMatch(o -> o == 0)) {
            System.out.printf("Reusing topic %s (%,d records)%n", topic, records);
            return new Loaded(topic, ends, records);
        }
        stores.deleteTopic(topic);
        stores.createTopic(topic, partitions);
        Append written = append(stores, topic, 0, records);
        System.out.printf("Wrote %,d records to %s in %.1f s%n", records, topic, written.seconds());
        return new Loaded(topic, written.endOffsets(), records);
    }

    /** Sends records from .. from+count-1 of the sequence to the topic and waits until Kafka has them all. */
    Append append(Stores stores, String topic, long from, long count) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Cursor cursor = generator.cursor(from, count, System.currentTimeMillis());
        long started;
        try (KafkaProducer<byte[], byte[]> producer = producer(stores)) {
            started = System.nanoTime();
            for (long i = 0; i < count; i++) {
                byte[][] record = cursor.next();
                producer.send(new ProducerRecord<>(topic, record[0], record[1]), (meta, e) -> {
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
        long flushed = System.nanoTime();
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Append(started, flushed, stores.endOffsets(topic));
    }

    /**
     * A fresh topic holding exactly what the base topic holds: every record copied to the same partition, in
     * order (so at the same offset), with its key and value bytes; the copy's records get the copy's time as
     * their Kafka timestamp.
     */
    Map<Integer, Long> copy(Stores stores, Loaded base, String into) throws Exception {
        stores.deleteTopic(into);
        stores.createTopic(into, base.endOffsets().size());
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stores.endpoints().kafka());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putAll(BatchConsumer.FETCH_SETTINGS);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long left = base.records();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()); KafkaProducer<byte[], byte[]> producer = producer(stores)) {
            List<TopicPartition> partitions = base.endOffsets().keySet().stream()
                    .map(p -> new TopicPartition(base.topic(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (left > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("copying " + base.topic() + " to " + into + " took over 10 min");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= base.endOffsets().get(record.partition())) {
                        continue;
                    }
                    producer.send(new ProducerRecord<>(into, record.partition(), null, record.key(), record.value()),
                            (meta, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    left--;
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Map<Integer, Long> ends = stores.endOffsets(into);
        if (!ends.equals(base.endOffsets())) {
            throw new IllegalStateException("the copy " + into + " ends at " + ends + ", not at " + base.endOffsets());
        }
        return ends;
    }

    private static KafkaProducer<byte[], byte[]> producer(Stores stores) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stores.endpoints().kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Running totals over {@code keys} songs, keyed radio|artist|title like producer-service's output. Each
     * record picks a song uniformly at random and carries that song's running total. Song k is radio
     * "radio-(k mod 100)", artist "artist-(k mod 997)", title "song-k". The last total of every song is the
     * number of records it got: after draining records 0 .. n-1 the stored counts add up to n.
     */
    static final class SongCounts implements Generator {
        private final int keys;

        SongCounts(int keys) {
            this.keys = keys;
        }

        @Override
        public String name(long records, int partitions) {
            return "bench-song-counts-" + records + "-" + keys + "-p" + partitions;
        }

        @Override
        public Cursor cursor(long from, long count, long nowMillis) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
            long[] totals = new long[keys];
            for (long i = 0; i < from; i++) {
                totals[random.nextInt(keys)]++;
            }
            return () -> {
                int key = random.nextInt(keys);
                long total = ++totals[key];
                String radio = "radio-" + (key % 100);
                String artist = "artist-" + (key % 997);
                String title = "song-" + key;
                return new byte[][] {utf8(radio + "|" + artist + "|" + title), utf8("{\"radio\":\"" + radio
                        + "\",\"artist\":\"" + artist + "\",\"title\":\"" + title + "\",\"count\":" + total + "}")};
            };
        }

        @Override
        public Expected expected(long records) {
            return new Expected(distinctKeys(records, keys), records, null);
        }

        @Override
        public String describe() {
            return String.format("running totals over %,d songs", keys);
        }
    }

    /** How many of the keys the seeded draw uses in its first {@code records} draws (all unless records is small). */
    static long distinctKeys(long records, int keys) {
        boolean[] used = new boolean[keys];
        java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
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

    /**
     * Plays as producer-service's plays mode writes them: key radio, value
     * {"eventId","radio","timestamp","artist","title"}. Play i is on radio "radio-r" (r uniform over
     * {@value #RADIOS}, its own seeded draw) of song s (uniform over {@value #SONGS}: artist "artist-(s mod
     * 997)", title "song-s"); its eventId is 32 hex digits, unique per i (a bijective mix of i); its timestamp
     * spreads the batch written at one time evenly over the day before: never in the future, and a day apart
     * at most within a batch, far inside the service's watermark delay (400 days).
     */
    static final class Plays implements Generator {
        static final int RADIOS = 100;
        static final int SONGS = 100_000;
        private static final long DAY_MILLIS = 24L * 3600 * 1000;

        @Override
        public String name(long records, int partitions) {
            return "bench-plays-" + records + "-p" + partitions;
        }

        @Override
        public Cursor cursor(long from, long count, long nowMillis) {
            java.util.SplittableRandom radios = new java.util.SplittableRandom(SEED);
            java.util.SplittableRandom songs = new java.util.SplittableRandom(SEED + 1);
            for (long i = 0; i < from; i++) {
                radios.nextInt(RADIOS);
                songs.nextInt(SONGS);
            }
            long anchor = nowMillis - DAY_MILLIS;
            long[] next = {from};
            return () -> {
                long i = next[0]++;
                String radio = "radio-" + radios.nextInt(RADIOS);
                int song = songs.nextInt(SONGS);
                long timestamp = anchor + (long) ((double) (i - from) * DAY_MILLIS / Math.max(1, count));
                byte[] value = new dev.radiostream.bench.baseline.PlayEvent(eventId(i), radio, timestamp,
                        "artist-" + (song % 997), "song-" + song).toJson();
                return new byte[][] {utf8(radio), value};
            };
        }

        @Override
        public Expected expected(long records) {
            java.util.SplittableRandom radios = new java.util.SplittableRandom(SEED);
            long[] counts = new long[RADIOS];
            for (long i = 0; i < records; i++) {
                counts[radios.nextInt(RADIOS)]++;
            }
            Map<String, Long> perRadio = new TreeMap<>();
            for (int r = 0; r < RADIOS; r++) {
                if (counts[r] > 0) {
                    perRadio.put("radio-" + r, counts[r]);
                }
            }
            return new Expected(records, 0, perRadio);
        }

        @Override
        public String describe() {
            return String.format("plays with unique eventIds over %d radios", RADIOS);
        }

        /** 32 hex digits; the first 16 are a bijection of i, so distinct plays never share an id. */
        static String eventId(long i) {
            return hex16(mix(i + SEED)) + hex16(mix(~i));
        }

        private static String hex16(long value) {
            String hex = Long.toHexString(value);
            return "0".repeat(16 - hex.length()) + hex;
        }

        /** SplitMix64's finalizer: a bijection on 64-bit values. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }
}
