package dev.radiostream.core.offsets;

import java.time.Instant;

/** One row of kafka_offsets: where a consumer resumes in one topic partition. */
public record StoredOffset(String consumer, String topic, int partition, long nextOffset, Instant updatedAt) {
}
