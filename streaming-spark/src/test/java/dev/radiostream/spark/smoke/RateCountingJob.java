package dev.radiostream.spark.smoke;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import dev.radiostream.spark.query.RunMode;
import dev.radiostream.spark.query.StreamingJob;

/** The smallest real streaming query: Spark's rate source counted in foreachBatch. */
@ApplicationScoped
public class RateCountingJob implements StreamingJob {

    static final AtomicLong ROWS_SEEN = new AtomicLong();

    @Override
    public String name() {
        return "rate-smoke";
    }

    @Override
    public StreamingQuery start(SparkSession spark, RunMode mode) throws Exception {
        VoidFunction2<Dataset<Row>, Long> countRows = (batch, batchId) -> ROWS_SEEN.addAndGet(batch.count());
        return spark.readStream().format("rate").option("rowsPerSecond", 50).load()
                .writeStream().trigger(Trigger.ProcessingTime(500)).foreachBatch(countRows).start();
    }

    @Override
    public Map<String, Object> status() {
        return Map.of("rowsSeen", ROWS_SEEN.get());
    }
}
