package dev.radiostream.core.offsets;

import java.io.Serializable;
import java.time.Duration;

/**
 * How dead letters are kept, so that a burst of bad input costs bounded memory and bounded Cassandra load: a
 * value (and key) is cut to {@code maxValueBytes} (its full length and SHA-256 are kept), a row expires after
 * {@code ttl} (zero: never), and at most {@code maxWritesInFlight} inserts run at once. The defaults are
 * declared here once; the consumer settings refer to them.
 */
public record DeadLetterPolicy(int maxValueBytes, Duration ttl, int maxWritesInFlight) implements Serializable {

    public static final String DEFAULT_MAX_VALUE_BYTES = "4096";
    public static final String DEFAULT_TTL = "30d";
    public static final String DEFAULT_MAX_WRITES_IN_FLIGHT = "64";

    public DeadLetterPolicy {
        if (maxValueBytes < 0) {
            throw new IllegalArgumentException("the dead letters' max value bytes must be 0 or more, got " + maxValueBytes);
        }
        if (ttl.isNegative() || ttl.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the dead letters' TTL must be between 0 and " + Integer.MAX_VALUE
                    + " seconds, got " + ttl);
        }
        if (maxWritesInFlight < 1) {
            throw new IllegalArgumentException("the dead letters' max writes in flight must be 1 or more, got "
                    + maxWritesInFlight);
        }
    }

    /** The TTL in seconds as Cassandra takes it: 0 keeps the row forever. */
    public int ttlSeconds() {
        return (int) ttl.getSeconds();
    }
}
