package dev.radiostream.core.offsets;

import java.io.Serializable;

/** A Kafka record a consumer could not use, and why. */
public record RejectedRecord(String topic, int partition, long offset, String rawValue, String reason)
        implements Serializable {
}
