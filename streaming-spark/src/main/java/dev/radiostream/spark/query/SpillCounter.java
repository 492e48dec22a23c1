package dev.radiostream.spark.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Adds up what Spark's tasks spilled (memory pressure made them write sorted runs or hash maps out): spill
 * on a micro-batch's hot path is a cost to see in /status and the benchmarks, not to guess.
 */
final class SpillCounter extends SparkListener {

    private final AtomicLong memoryBytesSpilled = new AtomicLong();
    private final AtomicLong diskBytesSpilled = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        TaskMetrics metrics = taskEnd.taskMetrics();
        if (metrics != null) {
            memoryBytesSpilled.addAndGet(metrics.memoryBytesSpilled());
            diskBytesSpilled.addAndGet(metrics.diskBytesSpilled());
        }
    }

    /** Bytes spilled since the service started: in memory (before serialization) and on disk. */
    Map<String, Object> totals() {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("memoryBytesSpilled", memoryBytesSpilled.get());
        totals.put("diskBytesSpilled", diskBytesSpilled.get());
        return totals;
    }
}
