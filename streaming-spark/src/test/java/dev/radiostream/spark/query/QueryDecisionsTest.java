package dev.radiostream.spark.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.radiostream.spark.query.QueryLifecycle.Phase;

/** The lifecycle's restart, back-off, stall, wedged and idle decisions, without Spark and without waiting. */
class QueryDecisionsTest {

    private static final Duration STALL = Duration.ofMinutes(2);
    private static final Duration WEDGED = Duration.ofMinutes(10);

    @Test
    void restartsWaitLongerAfterEachFailureUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(30);
        assertEquals(Duration.ofSeconds(1), QueryDecisions.restartBackoff(1, initial, max));
        assertEquals(Duration.ofSeconds(2), QueryDecisions.restartBackoff(2, initial, max));
        assertEquals(Duration.ofSeconds(16), QueryDecisions.restartBackoff(5, initial, max));
        assertEquals(Duration.ofSeconds(30), QueryDecisions.restartBackoff(6, initial, max));
        assertEquals(Duration.ofSeconds(30), QueryDecisions.restartBackoff(10_000, initial, max), "no overflow");
        assertEquals(Duration.ofSeconds(1), QueryDecisions.restartBackoff(0, initial, max));
    }

    @Test
    void aRunningQueryIsReadyUntilItHasBeenSilentLongerThanTheStallTimeout() {
        assertNull(QueryDecisions.notReadyReason(Phase.RUNNING, null, Duration.ofSeconds(119), STALL));
        assertNull(QueryDecisions.notReadyReason(Phase.RUNNING, null, STALL, STALL));
        assertEquals("no progress for 130 s",
                QueryDecisions.notReadyReason(Phase.RUNNING, null, Duration.ofSeconds(130), STALL));
    }

    @Test
    void everyOtherPhaseSaysWhyItIsNotReadyButACompletedOnceRun() {
        assertNull(QueryDecisions.notReadyReason(Phase.COMPLETED, null, Duration.ofHours(1), STALL));
        assertEquals("query not started", QueryDecisions.notReadyReason(Phase.NOT_STARTED, null, Duration.ZERO, STALL));
        assertEquals("query starting", QueryDecisions.notReadyReason(Phase.STARTING, null, Duration.ZERO, STALL));
        assertEquals("cassandra: DOWN", QueryDecisions.notReadyReason(Phase.RESTARTING, "cassandra: DOWN", Duration.ZERO, STALL));
        assertEquals("boom", QueryDecisions.notReadyReason(Phase.FAILED, "boom", Duration.ZERO, STALL));
    }

    @Test
    void onlyAMicroBatchHangingPastTheWedgedTimeoutMakesTheServiceNotLive() {
        assertNull(QueryDecisions.notLiveReason(true, Duration.ofMinutes(9), WEDGED));
        assertNull(QueryDecisions.notLiveReason(false, Duration.ofHours(5), WEDGED), "idle for long is not wedged");
        assertEquals("micro-batch running for 660 s", QueryDecisions.notLiveReason(true, Duration.ofMinutes(11), WEDGED));
    }

    @Test
    void anIdleReReportOfTheSameBatchIsNotANewBatch() {
        assertTrue(QueryDecisions.isNewBatch(null, -1, "run-1", 0));
        assertTrue(QueryDecisions.isNewBatch("run-1", 4, "run-1", 5));
        assertFalse(QueryDecisions.isNewBatch("run-1", 5, "run-1", 5), "the same batch reported again while idle");
        assertFalse(QueryDecisions.isNewBatch("run-1", 5, "run-1", 4));
        assertTrue(QueryDecisions.isNewBatch("run-1", 5, "run-2", 0), "a restarted query counts from its own batch 0");
    }
}
