package dev.radiostream.spark.consumer;

import java.io.Serializable;

import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;

import dev.radiostream.spark.records.JsonValueParser;
import dev.radiostream.spark.records.KafkaRecords;

/**
 * A {@link ForeachWriter} for the raw Kafka rows of a consumer's topic ({@link KafkaRecords#raw}): this base class
 * parses and judges each value in the task ({@link JsonValueParser#read}: no Spark function, no conversion of
 * parsed fields to Spark's rows and back) and hands the rejected rows to the dead letters
 * ({@link ExecutorDeadLetters}, written in bounded chunks while the task runs); a subclass sees only the fields
 * of valid values ({@link #accept}) and writes them in {@link #flush}, which returns only when they are durable.
 */
public abstract class RecordWriter extends ForeachWriter<Row> {

    /** What the template gives every writer: where rejected records go, and how values are parsed and judged. */
    public record Input(ExecutorDeadLetters deadLetters, JsonValueParser parser) implements Serializable {
    }

    private final Input input;
    private transient Object[] fields;

    protected RecordWriter(Input input) {
        this.input = input;
    }

    /** The position of a schema field in the array {@link #accept} gets; to be looked up once, not per record. */
    protected final int fieldIndex(String name) {
        return input.parser().fieldIndex(name);
    }

    @Override
    public final boolean open(long partitionId, long epochId) {
        fields = new Object[input.parser().fieldCount()];
        begin();
        return true;
    }

    @Override
    public final void process(Row raw) {
        String reason = input.parser().read(KafkaRecords.rawValue(raw), fields);
        if (reason == null) {
            accept(fields);
        } else {
            input.deadLetters().keep(raw, reason);
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

    /**
     * A valid value's fields in schema order (String, Long, Integer as the schema says; positions from
     * {@link #fieldIndex}). The array is reused for the next record: keep values, not the array.
     */
    protected abstract void accept(Object[] fields);

    /** Writes what the task accepted; returns only when it is durable, throws when any write failed. */
    protected abstract void flush();
}
