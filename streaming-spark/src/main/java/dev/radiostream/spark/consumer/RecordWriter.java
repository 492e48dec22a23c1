package dev.radiostream.spark.consumer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.spark.consumer.ExecutorSessions;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.spark.records.KafkaRecords;

/**
 * A {@link ForeachWriter} for the rows of a consumer's parsed topic: this base class keeps the rejected rows
 * aside and stores them in the dead-letter table when the task's rows are written; a subclass sees only valid
 * rows ({@link #accept}) and writes them in {@link #flush}, which returns only when they are durable.
 * Column positions are looked up once per task, not per row.
 */
public abstract class RecordWriter extends ForeachWriter<Row> {

    /** What the template hands to a writer: where dead letters go and where they are counted. */
    public record Context(String consumer, String topic, CassandraEndpoint deadLetterStore, LongAccumulator rejected)
            implements Serializable {
    }

    private final Context context;
    private transient List<RejectedRecord> rejected;
    private transient int reasonField = -1;
    private transient int rawField;
    private transient int partitionField;
    private transient int offsetField;

    protected RecordWriter(Context context) {
        this.context = context;
    }

    @Override
    public final boolean open(long partitionId, long epochId) {
        rejected = new ArrayList<>();
        reasonField = -1;
        begin();
        return true;
    }

    @Override
    public final void process(Row row) {
        if (reasonField < 0) {
            reasonField = row.fieldIndex(KafkaRecords.REJECT_REASON);
            rawField = row.fieldIndex(KafkaRecords.RAW_VALUE);
            partitionField = row.fieldIndex(KafkaRecords.PARTITION);
            offsetField = row.fieldIndex(KafkaRecords.OFFSET);
            locateFields(row);
        }
        if (row.isNullAt(reasonField)) {
            accept(row);
        } else {
            rejected.add(new RejectedRecord(context.topic(), row.getInt(partitionField), row.getLong(offsetField),
                    row.getString(rawField), row.getString(reasonField)));
        }
    }

    @Override
    public final void close(Throwable error) {
        if (error != null) {
            return; // the task fails and is retried; nothing of it counts
        }
        flush();
        if (!rejected.isEmpty()) {
            ExecutorSessions.deadLetters(context.deadLetterStore()).store(context.consumer(), rejected);
            context.rejected().add(rejected.size());
        }
    }

    /** Starts a task's share of a micro-batch. */
    protected abstract void begin();

    /** Looks up the positions of the fields the writer reads, on the task's first row. */
    protected abstract void locateFields(Row first);

    /** A valid row (partition, offset and the schema's fields). */
    protected abstract void accept(Row row);

    /** Writes what the task accepted; returns only when it is durable, throws when any write failed. */
    protected abstract void flush();
}
