package dev.radiostream.spark.query;

import java.time.Duration;

import org.apache.spark.sql.streaming.Trigger;

/** How long a query runs. */
public enum RunMode {
    /** A service: a micro-batch every trigger interval until the service stops. */
    CONTINUOUS,
    /** Processes what is available now (Spark's AvailableNow trigger), then the query ends. */
    ONCE;

    /** The Spark trigger for this mode. */
    public Trigger trigger(Duration interval) {
        return this == ONCE ? Trigger.AvailableNow() : Trigger.ProcessingTime(interval.toMillis());
    }
}
