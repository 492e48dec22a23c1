package dev.radiostream.spark.consumer;

import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;

import dev.radiostream.spark.records.KafkaRecords;

/**
 * A {@link ForeachWriter} for the rows of a consumer's parsed topic: this base class hands the rejected rows to
 * the dead letters ({@link ExecutorDeadLetters}, written in bounded chunks while the task runs); a subclass sees
 * only valid rows ({@link #accept}) and writes them in {@link #flush}, which returns only when they are durable.
 * Column positions are looked up once per task, not per row.
 */
public abstract class RecordWriter extends ForeachWriter<Row> {

    private final ExecutorDeadLetters deadLetters;
    private transient int reasonField = -1;
    private transient int rawField;

    protected RecordWriter(ExecutorDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public final boolean open(long partitionId, long epochId) {
        reasonField = -1;
        begin();
        return true;
    }

    @Override
    public final void process(Row row) {
        if (reasonField < 0) {
            reasonField = row.fieldIndex(KafkaRecords.REJECT_REASON);
            rawField = row.fieldIndex(KafkaRecords.RAW_RECORD);
            locateFields(row);
        }
        if (row.isNullAt(reasonField)) {
            accept(row);
        } else {
            deadLetters.keep(row.getStruct(rawField), row.getString(reasonField));
        }
    }

    @Override
    public final void close(Throwable error) {
        if (error != null) {
            return; // the task fails and is retried; nothing of it counts
        }
        flush();
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
