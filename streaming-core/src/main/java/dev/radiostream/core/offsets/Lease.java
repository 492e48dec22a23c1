package dev.radiostream.core.offsets;

import java.time.Instant;

/**
 * Who owns a consumer id: the process (host, pid) that took the lease at {@code since}, under {@code epoch}, and
 * until when its last renewal holds it. Offsets are stored only under the epoch that still holds.
 */
public record Lease(String consumer, long epoch, String host, long pid, Instant since, Instant until) {

    /** Whether the owner renewed it recently enough to still hold it at {@code now}. */
    public boolean liveAt(Instant now) {
        return until != null && now.isBefore(until);
    }

    /** "host h (pid 123, since 2026-11-30T03:40:00Z, lease until 2026-11-30T03:40:30Z)" for one-line messages. */
    public String describe() {
        return "host " + host + " (pid " + pid + ", since " + since + ", lease until " + until + ", epoch " + epoch + ")";
    }
}
