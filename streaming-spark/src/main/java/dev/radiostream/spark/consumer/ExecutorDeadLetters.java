package dev.radiostream.spark.consumer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.core.offsets.DeadLetterPolicy;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.spark.records.KafkaRecords;

/**
 * Dead letters written where the rejected records are found, on the executors: a task buffers at most
 * {@value #CHUNK} records (values already cut by the policy), writes them to the dead-letter table when the
 * buffer is full, and writes the rest when it completes. Memory stays bounded however many bad records a batch
 * holds, and nothing travels to the driver but counts by reason ({@link RejectedCounts}).
 * <p>
 * A task that fails writes nothing more; its retry writes the same rows again (keyed by Kafka coordinates), so
 * the table holds each record once. A failed write fails the task, hence the batch, before its offsets are
 * stored.
 */
public record ExecutorDeadLetters(String consumer, String topic, CassandraEndpoint store, DeadLetterPolicy policy,
        RejectedCounts written) implements Serializable {

    static final int CHUNK = 1000;

    // SLF4J, not JBoss Logging: this class runs on executors, whose classpath on a cluster is Spark's own.
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorDeadLetters.class);

    /** The running tasks' buffers, by task attempt (several tasks share one executor JVM). */
    private static final Map<Long, List<RejectedRecord>> BUFFERS = new ConcurrentHashMap<>();

    /**
     * Keeps one rejected row of the running task: its {@value KafkaRecords#RAW_RECORD} column (or the row itself,
     * for a foreach-writer reading {@link KafkaRecords#raw}) and reason.
     */
    public void keep(Row rawRecord, String reason) {
        RejectedRecord record = KafkaRecords.rejectedRecord(topic, rawRecord, reason, policy.maxValueBytes());
        TaskContext task = TaskContext.get();
        List<RejectedRecord> buffer = BUFFERS.computeIfAbsent(task.taskAttemptId(), id -> {
            task.addTaskCompletionListener(this::taskCompleted);
            return new ArrayList<>();
        });
        buffer.add(record);
        if (buffer.size() >= CHUNK) {
            write(buffer);
        }
    }

    private void taskCompleted(TaskContext task) {
        List<RejectedRecord> rest = BUFFERS.remove(task.taskAttemptId());
        if (rest != null && !task.isFailed()) {
            write(rest);
        }
    }

    private void write(List<RejectedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        ExecutorSessions.deadLetters(store).store(consumer, records, policy);
        written.add(records);
        LOG.warn("Kept {} rejected records of {} in the dead-letter table (first: partition {} offset {}: {})",
                records.size(), topic, records.get(0).partition(), records.get(0).offset(), records.get(0).reason());
        records.clear();
    }
}
