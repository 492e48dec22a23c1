package dev.radiostream.spark.query;

import java.time.Duration;

/**
 * The query lifecycle's decisions as pure functions of time and state, so that each is tested without Spark
 * and without waiting: how long to wait before a restart, when a query is not ready (stalled), when the
 * service is not live (a wedged micro-batch), and which progress reports are new batches.
 */
final class QueryDecisions {

    private QueryDecisions() {
    }

    /** The wait before a restart after {@code consecutiveFailures} failures in a row: doubling, capped. */
    static Duration restartBackoff(int consecutiveFailures, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(consecutiveFailures, 1) - 1, 20);
        long millis = initial.toMillis() << doublings;
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /**
     * Why a query is not ready, or null when it is: it runs and showed a sign of life (a batch or an idle tick)
     * within the stall timeout, or a once-run completed.
     */
    static String notReadyReason(QueryLifecycle.Phase phase, String failure, Duration silentFor, Duration stallTimeout) {
        return switch (phase) {
            case RUNNING -> silentFor.compareTo(stallTimeout) > 0 ? "no progress for " + silentFor.toSeconds() + " s" : null;
            case COMPLETED -> null;
            case NOT_STARTED -> "query not started";
            case STARTING -> "query starting";
            default -> String.valueOf(failure);
        };
    }

    /** Why the service is not live, or null: only a micro-batch hanging beyond the wedged timeout. */
    static String notLiveReason(boolean batchRunning, Duration silentFor, Duration wedgedTimeout) {
        return batchRunning && silentFor.compareTo(wedgedTimeout) > 0
                ? "micro-batch running for " + silentFor.toSeconds() + " s"
                : null;
    }

    /**
     * Whether a progress report is a batch not seen before: Spark reports the last batch again while idle (same
     * run, same batch id), and the supervisor hands over the final batch that the listener may have seen already.
     */
    static boolean isNewBatch(String previousRunId, long previousBatchId, String runId, long batchId) {
        return previousRunId == null || !previousRunId.equals(runId) || batchId > previousBatchId;
    }
}
