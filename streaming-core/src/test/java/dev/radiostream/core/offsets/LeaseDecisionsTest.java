package dev.radiostream.core.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.radiostream.core.offsets.LeaseDecisions.Acquire;

class LeaseDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");

    private static Lease lease(long epoch, Instant until) {
        return new Lease("c", epoch, "h", 42, NOW.minusSeconds(600), until);
    }

    @Test
    void noLeaseYetIsTakenOnConditionThatThereIsStillNone() {
        Acquire.Take take = (Acquire.Take) LeaseDecisions.acquire(Optional.empty(), Optional.empty(), NOW);
        assertNull(take.expectedEpoch());
        assertEquals(NOW.toEpochMilli(), take.epoch());
    }

    @Test
    void aLiveLeaseOfAnotherProcessMeansWait() {
        Lease owner = lease(7, NOW.plusSeconds(1));
        Acquire decision = LeaseDecisions.acquire(Optional.of(owner), Optional.empty(), NOW);
        assertSame(owner, ((Acquire.Wait) decision).owner());
        // Holding an older epoch does not help: someone took over since.
        assertTrue(LeaseDecisions.acquire(Optional.of(owner), Optional.of(6L), NOW) instanceof Acquire.Wait);
    }

    @Test
    void aLiveLeaseOfAProcessKnownDeadIsTakenOverAtOnce() {
        Acquire.Take take = (Acquire.Take) LeaseDecisions.acquire(Optional.of(lease(7, NOW.plusSeconds(20))),
                Optional.empty(), NOW, true);
        assertEquals(7L, take.expectedEpoch());
        assertEquals(NOW.toEpochMilli(), take.epoch());
    }

    @Test
    void anExpiredLeaseIsTakenOverUnderAGreaterEpoch() {
        long old = NOW.toEpochMilli() + 5_000; // an epoch from a clock ahead of ours: still strictly increasing
        Acquire.Take take = (Acquire.Take) LeaseDecisions.acquire(Optional.of(lease(old, NOW)), Optional.empty(), NOW);
        assertEquals(old, take.expectedEpoch());
        assertEquals(old + 1, take.epoch());

        Acquire.Take fromClock = (Acquire.Take) LeaseDecisions.acquire(Optional.of(lease(3, NOW.minusMillis(1))),
                Optional.empty(), NOW);
        assertEquals(3L, fromClock.expectedEpoch());
        assertEquals(NOW.toEpochMilli(), fromClock.epoch());
    }

    @Test
    void ourOwnLeaseIsKeptUnderTheSameEpochLiveOrNot() {
        for (Instant until : new Instant[] { NOW.plusSeconds(5), NOW.minusSeconds(5) }) {
            Acquire.Take take = (Acquire.Take) LeaseDecisions.acquire(Optional.of(lease(9, until)), Optional.of(9L), NOW);
            assertEquals(9L, take.epoch());
            assertEquals(9L, take.expectedEpoch());
        }
    }

    @Test
    void aHolderWritesOnlyWhileItsOwnLastRenewalHolds() {
        assertTrue(LeaseDecisions.mayWrite(NOW.plusMillis(1), NOW));
        assertFalse(LeaseDecisions.mayWrite(NOW, NOW));
        assertFalse(LeaseDecisions.mayWrite(null, NOW));
        assertEquals(Duration.ofSeconds(10), LeaseDecisions.renewEvery(Duration.ofSeconds(30)));
        assertEquals(NOW.plusSeconds(30), LeaseDecisions.until(NOW, Duration.ofSeconds(30)));
    }

    @Test
    void aLeaseIsLiveUntilItsEnd() {
        assertTrue(lease(1, NOW.plusMillis(1)).liveAt(NOW));
        assertFalse(lease(1, NOW).liveAt(NOW));
        assertFalse(lease(1, null).liveAt(NOW));
    }
}
