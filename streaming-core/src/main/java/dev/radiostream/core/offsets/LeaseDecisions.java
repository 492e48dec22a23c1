package dev.radiostream.core.offsets;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The lease's decisions as pure functions of what the table holds and the time, tested without Cassandra (as the
 * reset planner is): whether a starting process takes the lease, keeps its own or waits; whether a running one
 * may still write.
 */
public final class LeaseDecisions {

    private LeaseDecisions() {
    }

    /** What a process that wants the lease does. */
    public sealed interface Acquire {
        /** Write the lease with {@code epoch}, on condition that the table still holds {@code expectedEpoch}. */
        record Take(long epoch, Long expectedEpoch) implements Acquire {
        }

        /** Another process holds a live lease: do not read or write, try again later. */
        record Wait(Lease owner) implements Acquire {
        }
    }

    /**
     * @param current the lease in the table, if any
     * @param myEpoch the epoch this process holds (from an earlier start of its query), or empty
     */
    public static Acquire acquire(Optional<Lease> current, Optional<Long> myEpoch, Instant now) {
        return acquire(current, myEpoch, now, false);
    }

    /**
     * @param ownerGone the owner is known to be dead (it ran on this host and its pid is no longer alive): a restart
     *                  after a crash then takes over at once instead of waiting for the lease to run out.
     */
    public static Acquire acquire(Optional<Lease> current, Optional<Long> myEpoch, Instant now, boolean ownerGone) {
        if (current.isEmpty()) {
            return new Acquire.Take(newEpoch(0, now), null);
        }
        Lease lease = current.get();
        if (myEpoch.isPresent() && myEpoch.get() == lease.epoch()) {
            // Ours still (a restart of our own query): renew under the same epoch; nobody stored under a newer one.
            return new Acquire.Take(lease.epoch(), lease.epoch());
        }
        if (lease.liveAt(now) && !ownerGone) {
            return new Acquire.Wait(lease);
        }
        return new Acquire.Take(newEpoch(lease.epoch(), now), lease.epoch());
    }

    /**
     * A new epoch: greater than the previous one, and taken from the clock so that an epoch is never handed out
     * twice, even after the lease row was deleted (offset-admin delete) and the count would start again.
     */
    static long newEpoch(long previous, Instant now) {
        return Math.max(previous + 1, now.toEpochMilli());
    }

    /** Until when a lease taken or renewed at {@code now} holds. */
    public static Instant until(Instant now, Duration ttl) {
        return now.plus(ttl);
    }

    /** How often a holder renews: three times per TTL, so that one missed renewal does not lose it. */
    public static Duration renewEvery(Duration ttl) {
        return ttl.dividedBy(3);
    }

    /**
     * Whether a holder may still write data without renewing first: its own last renewal still holds at
     * {@code now}. A process paused past its lease (SIGSTOP, a long GC) finds this false when it wakes up, and
     * must renew (which fails if another process took over) before it writes again.
     */
    public static boolean mayWrite(Instant heldUntil, Instant now) {
        return heldUntil != null && now.isBefore(heldUntil);
    }
}
