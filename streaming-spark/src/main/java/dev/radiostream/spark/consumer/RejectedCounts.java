package dev.radiostream.spark.consumer;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.spark.records.RejectReason;

/**
 * The dead letters the executors wrote, by reason: one Spark accumulator per category (a fixed, small set), so
 * that only counts travel to the driver.
 */
public final class RejectedCounts implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<RejectReason, LongAccumulator> written = new EnumMap<>(RejectReason.class);

    public RejectedCounts(SparkContext spark, String topic) {
        for (RejectReason reason : RejectReason.values()) {
            written.put(reason, spark.longAccumulator("dead letters of " + topic + " (" + reason.label() + ")"));
        }
    }

    /** Counts records just written to the dead-letter table (on an executor). */
    void add(List<RejectedRecord> records) {
        for (RejectedRecord record : records) {
            written.get(RejectReason.of(record.reason())).add(1);
        }
    }

    /** What the finished tasks wrote since the query started, by reason (read on the driver). */
    public Map<RejectReason, Long> totals() {
        Map<RejectReason, Long> totals = new EnumMap<>(RejectReason.class);
        written.forEach((reason, accumulator) -> totals.put(reason, accumulator.value()));
        return totals;
    }
}
