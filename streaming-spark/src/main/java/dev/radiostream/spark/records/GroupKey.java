package dev.radiostream.spark.records;

import java.util.Arrays;

/**
 * The values of a record's key columns (e.g. radio, artist, title) as a hash-map key, hashed so that similar keys
 * spread over the map.
 * <p>
 * Why not a record or {@code List.of(...)}: their hash codes combine the strings' hash codes with the factor 31,
 * the factor of {@link String#hashCode} itself, so keys like ("radio-1", "artist-12") and ("radio-11",
 * "artist-2") collide in bulk. On the benchmark's songs the maps' buckets turned into trees and the lookups took a
 * third of each task's CPU (JFR, BENCHMARKS.md). Each value's hash goes through a non-linear mix first.
 */
public final class GroupKey {

    private final Object[] values;
    private final int hash;

    public GroupKey(Object... values) {
        this.values = values;
        int h = 0;
        for (Object value : values) {
            h = h * 0x9E3779B1 + mix(value == null ? 0 : value.hashCode());
        }
        this.hash = mix(h);
    }

    /** The value of the i-th key column. */
    public Object get(int i) {
        return values[i];
    }

    /** MurmurHash3's 32-bit finalizer: every input bit changes about half of the output bits. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupKey key && key.hash == hash && Arrays.equals(key.values, values);
    }
}
