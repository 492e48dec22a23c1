package dev.radiostream.spark.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.jboss.logging.Logger;

import dev.radiostream.core.health.Messages;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Runs the service's one streaming query: starts it, restarts it with exponential back-off when it fails
 * (a missing server must give a readiness failure and a retry, not a crash loop), stops it cleanly on
 * shutdown, and keeps the state that health checks and /status report.
 * <p>
 * It is started by the command line ({@code run}), not on startup: picocli parses the arguments after
 * Quarkus' startup event.
 */
@ApplicationScoped
public class QueryLifecycle {

    private static final Logger LOG = Logger.getLogger(QueryLifecycle.class);

    public enum Phase { NOT_STARTED, STARTING, RUNNING, RESTARTING, COMPLETED, FAILED, STOPPED }

    private final StreamingJob job;
    private final Provider<SparkSession> sparkProvider;
    private final StreamingSettings settings;

    private volatile Phase phase = Phase.NOT_STARTED;
    private volatile String reason;
    private volatile StreamingQuery query;
    private volatile StreamingQueryProgress lastProgress;
    private final Clock clock;
    private volatile Instant lastSignOfLife;
    private volatile int consecutiveFailures;
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong totalInputRows = new AtomicLong();
    private volatile boolean stopping;
    private volatile SparkSession spark;
    private Thread supervisor;
    private volatile CountDownLatch finished = new CountDownLatch(1);
    private final SpillCounter spills = new SpillCounter();
    private final QueryMetrics metrics;

    public QueryLifecycle(StreamingJob job, Provider<SparkSession> sparkProvider, StreamingSettings settings, Clock clock,
            QueryMetrics metrics) {
        this.job = job;
        this.metrics = metrics;
        this.sparkProvider = sparkProvider;
        this.settings = settings;
        this.clock = clock;
        this.lastSignOfLife = clock.instant();
    }

    /** Starts the query on a supervisor thread and returns at once; again after a previous run has ended. */
    public synchronized void start(RunMode mode) {
        if (supervisor != null && supervisor.isAlive()) {
            throw new IllegalStateException("query " + job.name() + " is already running");
        }
        stopping = false;
        query = null;
        metrics.register(job.name());
        finished = new CountDownLatch(1);
        supervisor = new Thread(() -> supervise(mode), "query-supervisor-" + job.name());
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** Waits until the query has ended (a once run completed or failed, or the service stopped). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the query and the supervisor; safe to call more than once. */
    public void stop() {
        Thread thread;
        synchronized (this) {
            thread = supervisor;
        }
        // Looked at before stopping the query: once it has stopped, the supervisor ends by itself.
        boolean wasRunning = thread != null && thread.isAlive();
        stopping = true;
        stopQuietly(query);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // One line an operator (and the container test) can look for after SIGTERM.
            if (wasRunning) {
                LOG.infof(thread.isAlive() ? "Query %s did not stop within 30 s" : "Query %s stopped", job.name());
            }
        }
    }

    /** Stops the query, then Spark, before Spark's own shutdown hook races Quarkus' shutdown. */
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
        SparkSession session = spark;
        if (session != null) {
            session.stop();
        }
    }

    private void supervise(RunMode mode) {
        try {
            while (!stopping) {
                StreamingQuery started = null;
                try {
                    phase = Phase.STARTING;
                    started = job.start(spark(), mode);
                    query = started;
                    lastSignOfLife = clock.instant();
                    phase = Phase.RUNNING;
                    reason = null;
                    LOG.infof("Query %s started (%s)", job.name(), mode);
                    started.awaitTermination();
                    // The listener may not have seen the last batch yet when the query ends.
                    handleProgress(started.lastProgress());
                    job.onStopped(started);
                    if (stopping) {
                        return;
                    }
                    if (mode == RunMode.ONCE) {
                        phase = Phase.COMPLETED;
                        LOG.infof("Query %s completed: %d rows in", job.name(), totalInputRows.get());
                        return;
                    }
                    throw new IllegalStateException("query stopped without being asked to");
                } catch (Exception e) {
                    if (stopping) {
                        return;
                    }
                    stopQuietly(started);
                    reason = Messages.oneLine(e);
                    if (mode == RunMode.ONCE) {
                        phase = Phase.FAILED;
                        LOG.errorf("Query %s failed: %s", job.name(), reason);
                        return;
                    }
                    Duration wait = QueryDecisions.restartBackoff(++consecutiveFailures,
                            settings.restartInitialBackoff(), settings.restartMaxBackoff());
                    restarts.incrementAndGet();
                    metrics.restarted(job.name());
                    phase = Phase.RESTARTING;
                    LOG.warnf("Query %s failed: %s. Restarting in %d ms.", job.name(), reason, wait.toMillis());
                    LOG.debug("Query failure", e);
                    Thread.sleep(wait.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (phase != Phase.COMPLETED && phase != Phase.FAILED) {
                phase = Phase.STOPPED;
            }
            finished.countDown();
        }
    }

    private void stopQuietly(StreamingQuery failed) {
        if (failed != null && failed.isActive()) {
            try {
                failed.stop();
            } catch (Exception e) {
                LOG.debugf("Stopping failed query: %s", Messages.oneLine(e));
            }
        }
    }

    /**
     * The Spark session, a new one when Spark stopped the previous one: on a cluster whose master stays
     * unreachable for a minute Spark gives the application up and stops its context, for good; the query's
     * restarts would then fail forever. A new session registers again once the master is back.
     */
    private synchronized SparkSession spark() {
        if (spark != null && spark.sparkContext().isStopped()) {
            LOG.warnf("Spark stopped the session of %s (on a cluster: the master gave the application up); "
                    + "starting a new one", job.name());
            spark = null;
        }
        if (spark == null) {
            spark = sparkProvider.get();
            spark.streams().addListener(new ProgressListener());
            spark.sparkContext().addSparkListener(spills);
        }
        return spark;
    }

    /**
     * Records a finished micro-batch of the current query once, whether the listener or the supervisor
     * (at the end of a query) sees it first.
     */
    private synchronized void handleProgress(StreamingQueryProgress progress) {
        StreamingQuery current = query;
        if (progress == null || current == null || !progress.runId().equals(current.runId())) {
            return;
        }
        StreamingQueryProgress previous = lastProgress;
        lastSignOfLife = clock.instant();
        // Spark reports a batch again while idle (same batch id, no rows): nothing new to count or store.
        if (previous != null && !QueryDecisions.isNewBatch(previous.runId().toString(), previous.batchId(),
                progress.runId().toString(), progress.batchId())) {
            return;
        }
        lastProgress = progress;
        metrics.batchFinished(job.name(), progress);
        if (progress.numInputRows() > 0) {
            consecutiveFailures = 0;
            totalInputRows.addAndGet(progress.numInputRows());
            long out = progress.sink() == null ? -1 : progress.sink().numOutputRows();
            LOG.infof("Batch %d of %s: %d rows in, %s rows out, %d ms", progress.batchId(), job.name(),
                    progress.numInputRows(), out < 0 ? "n/a" : Long.toString(out), progress.batchDuration());
        }
        try {
            job.onProgress(progress);
        } catch (Exception e) {
            LOG.warnf("After batch %d of %s: %s", progress.batchId(), job.name(), Messages.oneLine(e));
        }
    }

    /** Follows the progress of our query; Spark calls it on its listener thread after each micro-batch. */
    private final class ProgressListener extends StreamingQueryListener {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            handleProgress(event.progress());
        }

        @Override
        public void onQueryIdle(QueryIdleEvent event) {
            StreamingQuery current = query;
            if (current != null && event.runId().equals(current.runId())) {
                lastSignOfLife = clock.instant();
            }
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
        }
    }

    public Phase phase() {
        return phase;
    }

    /** Why the query is not running, in one line (null when it runs). */
    public String reason() {
        return reason;
    }

    public String jobName() {
        return job.name();
    }

    public Instant lastSignOfLife() {
        return lastSignOfLife;
    }

    /** How long the query has shown no sign of life (no batch, no idle tick). */
    public Duration silentFor() {
        return Duration.between(lastSignOfLife, clock.instant());
    }

    public StreamingQueryProgress lastProgress() {
        return lastProgress;
    }

    /** True while a micro-batch is being processed. */
    public boolean batchRunning() {
        StreamingQuery current = query;
        return current != null && current.isActive() && current.status().isTriggerActive();
    }

    /** Everything /status shows about the query, as plain JSON-friendly values. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("query", job.name());
        status.put("phase", phase.name());
        status.put("reason", reason);
        status.put("restarts", restarts.get());
        status.put("totalInputRows", totalInputRows.get());
        status.put("lastSignOfLife", lastSignOfLife.toString());
        StreamingQueryProgress progress = lastProgress;
        if (progress != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("batchId", progress.batchId());
            last.put("timestamp", progress.timestamp());
            last.put("inputRows", progress.numInputRows());
            last.put("inputRowsPerSecond", finite(progress.inputRowsPerSecond()));
            last.put("processedRowsPerSecond", finite(progress.processedRowsPerSecond()));
            last.put("batchDurationMs", progress.batchDuration());
            List<Map<String, Object>> sources = new ArrayList<>();
            for (SourceProgress source : progress.sources()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("description", source.description());
                s.put("startOffset", source.startOffset());
                s.put("endOffset", source.endOffset());
                s.put("latestOffset", source.latestOffset());
                sources.add(s);
            }
            last.put("sources", sources);
            status.put("lastProgress", last);
        }
        status.putAll(job.status());
        status.put("spark", spills.totals());
        // Where this driver's Spark UI answers (spark.ui.enabled; the port Spark really bound, which moves on
        // when the configured one is taken), for the dashboard's links; null while off or not started.
        SparkSession session = spark;
        status.put("sparkUi", session == null ? null : session.sparkContext().uiWebUrl().getOrElse(() -> null));
        return status;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0.0;
    }
}
