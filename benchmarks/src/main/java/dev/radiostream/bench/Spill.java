package dev.radiostream.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a service's Spark tasks have spilled since it started, from its GET /status
 * {@code "spark": {"memoryBytesSpilled": N, "diskBytesSpilled": N}}: memory spilled is the in-memory size of
 * the data that was spilled, disk spilled its size on disk.
 */
record Spill(long memoryBytes, long diskBytes) {

    /** From a /status answer; null when it has no spark figures (an older service, or a baseline). */
    static Spill from(JsonNode status) {
        if (status == null) {
            return null;
        }
        JsonNode spark = status.path("spark");
        if (!spark.path("memoryBytesSpilled").isNumber() || !spark.path("diskBytesSpilled").isNumber()) {
            return null;
        }
        return new Spill(spark.path("memoryBytesSpilled").asLong(), spark.path("diskBytesSpilled").asLong());
    }

    double memoryMib() {
        return memoryBytes / 1048576.0;
    }

    double diskMib() {
        return diskBytes / 1048576.0;
    }
}
