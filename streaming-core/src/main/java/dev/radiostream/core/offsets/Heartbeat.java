package dev.radiostream.core.offsets;

import java.time.Instant;

/** A running consumer: where it runs and since when. Its row expires when the consumer stops beating. */
public record Heartbeat(String consumer, String host, long pid, Instant startedAt, Instant updatedAt) {
}
