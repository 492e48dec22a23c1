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
 * The consuming half of both hand-written baselines: a plain kafka-clients consumer that does what the
 * services do per micro-batch, without Spark.
 * <ul>
 * <li>It reads the topic's partitions (assigned, no group rebalance) from the group's committed offsets, or
 * the earliest ones.</li>
 * <li>It coalesces what it reads into the newest total per key (a key lives in one partition, so the later
 * record is the newer total) until {@code maxBatchRecords} records are buffered or it has caught up with
 * the end of every partition; then the {@link BatchWriter} writes the batch, and only once every write is
 * acknowledged are the next offsets committed (data first, offsets second, as the services do).</li>
 * <li>Records the services would dead-letter are counted and skipped.</li>
 * </ul>
 * {@code maxBatchRecords} plays the part of the services' consumer.max-offsets-per-trigger: the harness gives
 * both the same bound, so both coalesce equally (0 = no bound: a backlog is coalesced whole, as a Spark
 * micro-batch without maxOffsetsPerTrigger takes everything available).
 */
public final class CoalescingConsumer {

    /** Writes one batch: returns only when every row is durably written; throws when any write failed. */
    public interface BatchWriter {
        void write(Collection<SongCount> newestPerKey) throws Exception;
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final long maxBatchRecords;
    private final BatchWriter writer;
    private final AtomicLong inputRows = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile Map<Integer, Long> committed = Map.of();
    private volatile String phase = "STARTING";
    private volatile boolean stopping;

    public CoalescingConsumer(String bootstrapServers, String groupId, String topic, long maxBatchRecords,
            BatchWriter writer) {
        this.topic = topic;
        this.maxBatchRecords = maxBatchRecords <= 0 ? Long.MAX_VALUE : maxBatchRecords;
        this.writer = writer;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Large fetches: a backlog is read in few round trips; a live feed is still returned at once (min bytes 1).
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(4 * 1024 * 1024));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        // A batch may take a while to write; the consumer is assigned, not in a rebalancing group, anyway.
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "600000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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

        Map<String, SongCount> newest = new LinkedHashMap<>();
        Map<Integer, Long> next = new HashMap<>(start);
        long buffered = 0;
        try {
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    SongCount count = SongCount.parseValid(record.value());
                    if (count == null) {
                        rejected.incrementAndGet();
                    } else {
                        newest.put(count.key(), count);
                    }
                    next.put(record.partition(), record.offset() + 1);
                    buffered++;
                }
                inputRows.addAndGet(records.count());
                if (buffered > 0 && (buffered >= maxBatchRecords || caughtUp(partitions))) {
                    writer.write(newest.values());
                    rowsWritten.addAndGet(newest.size());
                    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                    next.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
                    consumer.commitSync(commit);
                    committed = new TreeMap<>(next);
                    batches.incrementAndGet();
                    newest.clear();
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
