package dev.radiostream.bench.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consuming loop of every Kafka → store baseline: a plain kafka-clients consumer that does what the
 * services do per micro-batch, without Spark.
 * <ul>
 * <li>It reads the topic's partitions (assigned, no group rebalance) from the group's committed offsets, or
 * the earliest ones.</li>
 * <li>It hands every record to the {@link Batch} until {@code maxBatchRecords} records are read or it has
 * caught up with the end of every partition; then the batch is finished (written, every write acknowledged),
 * and only then are the next offsets committed (data first, offsets second, as the services do).</li>
 * <li>Records the services would dead-letter are counted and skipped.</li>
 * </ul>
 * {@code maxBatchRecords} plays the part of the services' consumer.max-offsets-per-trigger: the harness gives
 * both the same bound (0 = no bound: a backlog is one batch, as a Spark micro-batch without
 * maxOffsetsPerTrigger takes everything available).
 */
public final class BatchConsumer {

    /** What one batch does with the records it gets; one instance serves batch after batch. */
    public interface Batch {
        /** Takes one record's value; false when the services would reject it (it is counted and skipped). */
        boolean add(byte[] value) throws Exception;

        /** Writes what is still buffered and returns once every write of the batch is acknowledged: rows written. */
        long finish() throws Exception;
    }

    /** Writes rows; returns only when every row is durably written; throws when any write failed. */
    public interface BatchWriter<T> {
        void write(Collection<T> rows) throws Exception;
    }

    /**
     * The fetch settings of the baselines' consumer (the services get the same through their kafka.consumer.*
     * keys): large fetches, so a backlog is read in few round trips; a live feed is still answered at once
     * (fetch.min.bytes stays 1).
     */
    public static final Map<String, String> FETCH_SETTINGS = fetchSettings();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final long maxBatchRecords;
    private final Batch batch;
    private final AtomicLong inputRows = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile Map<Integer, Long> committed = Map.of();
    private volatile String phase = "STARTING";
    private volatile boolean stopping;

    public BatchConsumer(String bootstrapServers, String groupId, String topic, long maxBatchRecords, Batch batch) {
        this.topic = topic;
        this.maxBatchRecords = maxBatchRecords <= 0 ? Long.MAX_VALUE : maxBatchRecords;
        this.batch = batch;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(FETCH_SETTINGS);
        // A batch may take a while to write; the consumer is assigned, not in a rebalancing group, anyway.
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "600000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, String> fetchSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        settings.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(4 * 1024 * 1024));
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        return java.util.Collections.unmodifiableMap(settings);
    }

    /** Consumes until {@link #stop()}; the caller's thread. */
    public void run() throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> stored = consumer.committed(new java.util.HashSet<>(partitions));
        Map<Integer, Long> start = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = stored.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
                start.put(partition.partition(), offset.offset());
            }
        }
        committed = start;
        phase = "RUNNING";

        Map<Integer, Long> next = new HashMap<>(start);
        long buffered = 0;
        try {
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (!batch.add(record.value())) {
                        rejected.incrementAndGet();
                    }
                    next.put(record.partition(), record.offset() + 1);
                    buffered++;
                }
                inputRows.addAndGet(records.count());
                if (buffered > 0 && (buffered >= maxBatchRecords || caughtUp(partitions))) {
                    rowsWritten.addAndGet(batch.finish());
                    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                    next.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
                    consumer.commitSync(commit);
                    committed = new TreeMap<>(next);
                    batches.incrementAndGet();
                    buffered = 0;
                }
            }
            phase = "STOPPED";
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            phase = "STOPPED"; // stop() was called
        } catch (Exception e) {
            phase = "FAILED";
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** True when nothing more is in Kafka right now: every partition's fetch position is at its end. */
    private boolean caughtUp(List<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Runs the loop with its /status server until stopped (SIGTERM). */
    public void serve(int port) throws Exception {
        BaselineRunner.run(this::run, this::stop, this::status, port);
    }

    /** What GET /status shows: the same fields the services' /status has for consumers. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", phase);
        status.put("totalInputRows", inputRows.get());
        status.put("rowsWritten", rowsWritten.get());
        status.put("batches", batches.get());
        status.put("rejectedRecords", rejected.get());
        Map<String, Long> offsets = new TreeMap<>();
        committed.forEach((p, o) -> offsets.put(Integer.toString(p), o));
        status.put("nextOffsets", offsets);
        return status;
    }
}
