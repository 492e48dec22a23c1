package dev.radiostream.core.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;

/**
 * Asynchronous writes with at most {@code maxInFlight} awaiting their answer: a burst of thousands must neither
 * flood Cassandra nor queue thousands of requests in the driver. One instance serves one round of writes (a task's
 * rows, a batch's dead letters) sent from one thread: {@link #send} each statement, then {@link #awaitAll}, which
 * returns once every write succeeded. The answers may come on the driver's threads.
 * <p>
 * After a write failed, nothing more is sent: the round fails anyway (its caller's batch is retried), and writing
 * on would only add load to a server that is already refusing.
 */
public final class BoundedWrites {

    private final CqlSession session;
    private final Semaphore inFlight;
    private final List<CompletableFuture<?>> writes = new ArrayList<>();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    public BoundedWrites(CqlSession session, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        this.session = session;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * Sends the statement once fewer than maxInFlight writes await their answer (blocks until then); returns false,
     * without sending it, once a write has failed.
     */
    public boolean send(Statement<?> statement) {
        if (firstFailure.get() != null) {
            return false;
        }
        inFlight.acquireUninterruptibly();
        // A failure recorded while this statement waited for room (a write records it before giving its room back).
        if (firstFailure.get() != null) {
            inFlight.release();
            return false;
        }
        CompletionStage<?> write;
        try {
            write = session.executeAsync(statement);
        } catch (RuntimeException refused) { // e.g. a closed session: no future to wait for
            firstFailure.compareAndSet(null, refused);
            inFlight.release();
            return false;
        }
        writes.add(write.whenComplete((result, failure) -> {
            if (failure != null) {
                firstFailure.compareAndSet(null, failure);
            }
            inFlight.release();
        }).toCompletableFuture());
        return true;
    }

    /**
     * Waits for every write sent; throws an IllegalStateException naming {@code what} and carrying the first
     * failure when any failed.
     */
    public void awaitAll(String what) {
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        Throwable failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException(what + " failed: " + failure.getMessage(), failure);
        }
    }
}
