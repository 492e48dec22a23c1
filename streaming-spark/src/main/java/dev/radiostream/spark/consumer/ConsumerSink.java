package dev.radiostream.spark.consumer;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one part of a consuming service that is its own: how valid records are written. Everything else (reading
 * the topic from the stored offsets, parsing, dead letters, storing the next offsets after the write, status)
 * belongs to {@link KafkaConsumerJob}, as Kafka Connect's worker owns all but a SinkTask's put.
 * <p>
 * A foreachBatch sink gets records with the columns partition, offset and the fields of the job's schema; a
 * foreach-writer sink gets the fields of each valid record.
 */
public sealed interface ConsumerSink permits ConsumerSink.Batches, ConsumerSink.Rows {

    /**
     * foreachBatch style, on the driver: writes the valid records of one micro-batch and returns only when they
     * are durable (a failure fails the batch, which is then read again). It must compute {@code records} exactly
     * once: the batch's rejected records are collected while it does.
     */
    non-sealed interface Batches extends ConsumerSink {
        void write(Dataset<Row> records, long batchId) throws Exception;
    }

    /**
     * ForeachWriter style, on the executors: the writer sees each raw record of its Kafka partition's share and
     * gets the fields of the valid ones (it parses them in its task: {@link RecordWriter}).
     */
    non-sealed interface Rows extends ConsumerSink {
        RecordWriter writer(RecordWriter.Input input);
    }
}
