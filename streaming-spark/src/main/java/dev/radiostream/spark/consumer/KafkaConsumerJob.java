package dev.radiostream.spark.consumer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.types.StructType;

import dev.radiostream.spark.query.Checkpoints;
import dev.radiostream.spark.records.JsonValueParser;
import dev.radiostream.spark.records.KafkaRecords;
import dev.radiostream.spark.records.RejectReason;
import dev.radiostream.spark.query.RunMode;
import dev.radiostream.spark.query.StreamingJob;

/**
 * The template of every consuming service, as Kafka Connect's WorkerSinkTask is for a SinkTask: it owns
 * reading the topic from the offsets stored in Cassandra, parsing each value once, dead-lettering what cannot
 * be used, storing the next offsets after each batch's write, status and clean-up. A service says what it reads
 * ({@link #topic}, {@link #schema}, {@link #rules}), prepares its store ({@link #prepare}) and writes valid
 * records ({@link #sink}); nothing else.
 * <p>
 * Order within a micro-batch: the sink's write and the batch's dead letters (written by the tasks that find
 * them), then (from the progress event Spark posts once the batch is done) the next offsets. A failure anywhere
 * fails the batch, which is read again from the stored offsets: the sinks are idempotent, so a replay writes the
 * same again.
 */
public abstract class KafkaConsumerJob implements StreamingJob {

    private final ConsumerRuntime runtime;
    private volatile Path checkpoint;
    private volatile ExecutorDeadLetters deadLetters;
    private final Map<RejectReason, Long> deadLettersCounted = new ConcurrentHashMap<>();
    private volatile long rejectedSeen;

    protected KafkaConsumerJob(ConsumerRuntime runtime) {
        this.runtime = runtime;
    }

    /** The topic this consumer reads. */
    protected abstract String topic();

    /** The JSON schema of the topic's values; every field is required. */
    protected abstract StructType schema();

    /** Checks on parsed values; a record failing one is dead-lettered. */
    protected KafkaRecords.Rule[] rules() {
        return new KafkaRecords.Rule[0];
    }

    /** Creates what the sink writes to (tables, indices); called before every (re)start of the query. */
    protected abstract void prepare() throws Exception;

    /**
     * Stream-level steps between parsing and a foreachBatch sink (a watermark, for instance); none by default. A
     * foreach-writer sink reads the raw records: it has no such steps.
     */
    protected Dataset<Row> shape(Dataset<Row> parsedRecords) {
        return parsedRecords;
    }

    /** How valid records are written. */
    protected abstract ConsumerSink sink(SparkSession spark);

    /** Called after every micro-batch, just before its offsets are stored: for the sink's own figures. */
    protected void afterBatch(StreamingQueryProgress progress) {
    }

    /**
     * Valid records the sink wrote in this micro-batch, for the metric consumer_records_written_total: by default
     * the batch's records less the ones it rejected. A sink that drops records on the way overrides it.
     */
    protected long recordsWritten(StreamingQueryProgress progress, long rejectedInBatch) {
        return Math.max(0, progress.numInputRows() - rejectedInBatch);
    }

    /** The sink's name in the metrics' sink label (a table, an index); the job's name unless overridden. */
    protected String sinkName() {
        return name();
    }

    /** The sink's own figures for /status. */
    protected abstract Map<String, Object> sinkStatus();

    /** The consumer's settings, offsets source and dead letters, for a sink that needs them. */
    protected ConsumerRuntime runtime() {
        return runtime;
    }

    /** The id under which offsets are stored; the job's name unless configured. */
    public String consumerId() {
        return runtime.settings().id().orElse(name());
    }

    @Override
    public StreamingQuery start(SparkSession spark, RunMode mode) throws Exception {
        prepare();
        ConsumerSink sink = sink(spark);
        // A key's records may be split over several tasks only where a shuffle brings them together again.
        boolean splittable = sink instanceof ConsumerSink.Batches;
        Dataset<Row> kafkaRows = runtime.source().open(spark, consumerId(), topic(), splittable);
        deadLetters = new ExecutorDeadLetters(consumerId(), topic(), runtime.cassandra().endpoint(),
                runtime.deadLetters().policy(), new RejectedCounts(spark.sparkContext(), topic()));
        deadLettersCounted.clear();
        rejectedSeen = runtime.deadLetters().rejectedCount();
        long maxRecordBytes = runtime.settings().maxRecordBytes();
        checkpoint = Checkpoints.fresh(name());
        DataStreamWriter<Row> writer;
        if (sink instanceof ConsumerSink.Batches batches) {
            writer = shape(KafkaRecords.parse(kafkaRows, schema(), maxRecordBytes, rules())).writeStream()
                    .foreachBatch(new BatchStep(batches));
        } else if (sink instanceof ConsumerSink.Rows rows) {
            // The writer parses each raw value in its task: Spark converts no parsed field to its rows and back.
            RecordWriter.Input input = new RecordWriter.Input(deadLetters, new JsonValueParser(schema(), maxRecordBytes, rules()));
            writer = KafkaRecords.raw(kafkaRows).writeStream().foreach(rows.writer(input));
        } else {
            throw new IllegalStateException("unknown sink kind: " + sink.getClass().getName());
        }
        writer.queryName(name())
                .option("checkpointLocation", checkpoint.toString())
                .trigger(mode.trigger(runtime.streaming().triggerInterval()));
        StreamingQuery query = writer.start();
        // A process that lost the consumer id to another one stops reading; its lifecycle then waits for the lease.
        runtime.source().onLeaseLost(() -> {
            try {
                query.stop();
            } catch (Exception e) {
                // Already stopping: nothing more to do.
            }
        });
        return query;
    }

    @Override
    public void onProgress(StreamingQueryProgress progress) {
        // The batch's figures first, its offsets second: once a batch's offsets show, /status counts the batch.
        ExecutorDeadLetters executors = deadLetters;
        if (executors != null) {
            executors.written().totals().forEach((reason, total) -> {
                runtime.deadLetters().count(reason, total - deadLettersCounted.getOrDefault(reason, 0L));
                deadLettersCounted.put(reason, total);
            });
        }
        // Rejected on executors (counted just above) or by the sink on the driver (refused documents).
        long rejectedNow = runtime.deadLetters().rejectedCount();
        long rejectedInBatch = rejectedNow - rejectedSeen;
        rejectedSeen = rejectedNow;
        afterBatch(progress);
        runtime.metrics().batch(sinkName(), progress.numInputRows(), recordsWritten(progress, rejectedInBatch));
        runtime.source().commit(progress);
    }

    @Override
    public void onStopped(StreamingQuery query) {
        // The lifecycle has handed the last progress to onProgress already.
        runtime.source().close();
        Checkpoints.delete(checkpoint);
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("consumer", consumerId());
        status.put("topic", topic());
        status.putAll(sinkStatus());
        status.put("nextOffsets", runtime.source().committedOffsets());
        status.put("offsetsStoredForBatch", runtime.source().storedBatchId());
        status.put("offsetsPending", runtime.source().pendingOffsets());
        status.put("rejectedRecords", runtime.deadLetters().rejectedCount());
        status.put("owner", runtime.source().ownership());
        return status;
    }

    /** One micro-batch in the foreachBatch style: the write, which dead-letters the rejected records on the way. */
    private final class BatchStep implements VoidFunction2<Dataset<Row>, Long> {
        private final ConsumerSink.Batches sink;

        BatchStep(ConsumerSink.Batches sink) {
            this.sink = sink;
        }

        @Override
        public void call(Dataset<Row> batch, Long batchId) throws Exception {
            runtime.source().ensureOwner();
            sink.write(RejectCollector.validRecords(batch, deadLetters), batchId);
        }
    }
}
