package dev.radiostream.common.spark;

/** How long a query runs. */
public enum RunMode {
    /** A service: a micro-batch every trigger interval until the service stops. */
    CONTINUOUS,
    /** Processes what is available now (Spark's AvailableNow trigger), then the query ends. */
    ONCE
}
