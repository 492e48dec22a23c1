package dev.radiostream.core.offsets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * This process's lease on one consumer id: taken before the consumer reads, renewed while it runs, given up on a
 * clean stop. Only the holder of the current epoch can store offsets ({@link KafkaOffsetStore#storeFenced}); the
 * decisions themselves are {@link LeaseDecisions}'.
 */
public final class ConsumerLease {

    private final KafkaOffsetStore store;
    private final String consumer;
    private final Duration ttl;
    private final Clock clock;
    private volatile Long epoch;
    private volatile Instant heldUntil;

    public ConsumerLease(KafkaOffsetStore store, String consumer, Duration ttl, Clock clock) {
        this.store = store;
        this.consumer = consumer;
        this.ttl = ttl;
        this.clock = clock;
    }

    public String consumer() {
        return consumer;
    }

    /**
     * Takes the lease, or keeps the one this process holds already.
     *
     * @throws LeaseHeldException when another process holds a live lease (or took it a moment before us)
     */
    public synchronized void acquire() {
        Instant now = clock.instant();
        Optional<Lease> current = store.lease(consumer);
        LeaseDecisions.Acquire decision = LeaseDecisions.acquire(current, Optional.ofNullable(epoch), now,
                current.map(ConsumerLease::goneFromThisHost).orElse(false));
        if (decision instanceof LeaseDecisions.Acquire.Wait wait) {
            epoch = null;
            throw new LeaseHeldException(wait.owner());
        }
        LeaseDecisions.Acquire.Take take = (LeaseDecisions.Acquire.Take) decision;
        Instant until = LeaseDecisions.until(now, ttl);
        boolean ours = take.expectedEpoch() != null && take.expectedEpoch() == take.epoch()
                ? store.renewLease(consumer, take.epoch(), until)
                : store.takeLease(consumer, take.expectedEpoch(), take.epoch(), now, until);
        if (!ours) {
            epoch = null;
            heldUntil = null;
            throw new LeaseHeldException(store.lease(consumer).orElse(null));
        }
        epoch = take.epoch();
        heldUntil = until;
    }

    /**
     * Whether the lease's owner ran on this host and its pid is no longer alive (a crashed process restarted). A pid
     * reused by another process, or our own (a container restarted under the same host name), counts as alive: then
     * we wait for the lease to run out.
     */
    static boolean goneFromThisHost(Lease owner) {
        return KafkaOffsetStore.hostName().equals(owner.host()) && ProcessHandle.of(owner.pid()).isEmpty();
    }

    /** Extends the lease; false when another process has taken it (this one must stop writing). */
    public synchronized boolean renew() {
        Long mine = epoch;
        if (mine == null) {
            return false;
        }
        Instant until = LeaseDecisions.until(clock.instant(), ttl);
        if (store.renewLease(consumer, mine, until)) {
            heldUntil = until;
            return true;
        }
        epoch = null;
        heldUntil = null;
        return false;
    }

    /**
     * Before data is written: true while the lease surely holds. Renews first when more than a renewal period has
     * passed since the last renewal, so that a process paused past its lease (SIGSTOP, a long GC) learns on waking
     * up whether another process has taken over before it writes anything.
     */
    public boolean ensureHeld() {
        Instant until = heldUntil;
        if (epoch == null) {
            return false;
        }
        if (LeaseDecisions.mayWrite(until, clock.instant().plus(ttl.minus(LeaseDecisions.renewEvery(ttl))))) {
            return true;
        }
        return renew();
    }

    /** The epoch under which this process stores offsets, if it holds the lease. */
    public Optional<Long> epoch() {
        return Optional.ofNullable(epoch);
    }

    /** Until when the last renewal holds the lease (null when not held). */
    public Instant heldUntil() {
        return heldUntil;
    }

    /** Gives the lease up (a clean stop): another process may take it at once. */
    public synchronized void release() {
        Long mine = epoch;
        epoch = null;
        heldUntil = null;
        if (mine != null) {
            store.renewLease(consumer, mine, clock.instant());
        }
    }

    /** Another process owns the consumer id. */
    public static final class LeaseHeldException extends IllegalStateException {
        private final transient Lease owner;

        public LeaseHeldException(Lease owner) {
            super(owner == null ? "another process took the lease at the same moment: waiting"
                    : "consumer " + owner.consumer() + " is owned by " + owner.describe()
                            + ": waiting until its lease ends");
            this.owner = owner;
        }

        public Lease owner() {
            return owner;
        }
    }
}
