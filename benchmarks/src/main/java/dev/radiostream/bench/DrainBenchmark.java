package dev.radiostream.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kafka → Cassandra / Elasticsearch throughput: each contender drains the whole synthetic topic into a
 * keyspace / index of its own, from its own consumer id (nothing stored yet, so it starts at the earliest
 * offsets). Timed from process start and from ready (GET /q/health/ready UP, when the query or the consumer
 * loop runs) to the moment its /status nextOffsets, which every contender updates only after the batch's
 * writes are acknowledged, reach the topic's end offsets. Then the store is checked: one row / document per
 * song, and the sum of the counts equal to the number of records (each song's last total).
 */
final class DrainBenchmark {

    private final String section;
    private final Stores stores;
    private final Launcher launcher;
    private final BenchConfig config;
    private final String stamp;

    DrainBenchmark(String section, Stores stores, Launcher launcher, BenchConfig config, String stamp) {
        this.section = section;
        this.stores = stores;
        this.launcher = launcher;
        this.config = config;
        this.stamp = stamp;
    }

    Results.Throughput run(SinkContender contender, SyntheticTopic.Loaded topic, int run) throws Exception {
        SinkContender.Target target = contender.target("r" + run, stamp);
        cleanup(target);
        String name = "bench-" + contender.id() + "-r" + run;
        RunningContender process = contender.start(launcher, name, topic.topic(), target);
        long ready;
        long done;
        ProcStats cost;
        try {
            ready = process.awaitReady(Duration.ofMinutes(5));
            done = awaitOffsets(process, topic.endOffsets(), config.drainTimeout);
            cost = process.stats();
        } finally {
            process.close();
        }
        Stores.Written written = contender.store() == SinkContender.Store.CASSANDRA
                ? stores.cassandraWritten(target.keyspace(), target.table())
                : stores.elasticWritten(target.index());
        boolean ok = written.rows() == topic.distinctKeys() && written.countSum() == topic.records();
        String check = String.format("%,d rows, sum %,d", written.rows(), written.countSum());
        cleanup(target);
        Results.Throughput result = new Results.Throughput(section, contender.id(), run, topic.records(),
                (ready - process.startedNanos) / 1e9, (done - ready) / 1e9, (done - process.startedNanos) / 1e9, cost,
                check, ok);
        System.out.printf("  %-24s run %d: %,10.0f rec/s (%,.0f incl. start), ready %.1f s, drained in %.1f s, "
                + "peak RSS %,.0f MiB, CPU %.0f s, %s%s%n", contender.id(), run, result.rateExcludingStart(),
                result.rateIncludingStart(), result.startToReadySeconds(), result.drainSeconds(), cost.peakRssMib(),
                cost.cpuSeconds(), check, ok ? "" : "  <-- WRONG (expected " + topic.distinctKeys() + " rows, sum "
                        + topic.records() + ")");
        return result;
    }

    /** Polls /status until every partition's stored next offset has reached the end; System.nanoTime() then. */
    static long awaitOffsets(RunningContender process, Map<Integer, Long> ends, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            process.failIfDead();
            JsonNode next = process.status().map(s -> s.path("nextOffsets")).orElse(null);
            long now = System.nanoTime();
            if (next != null && next.isObject() && reached(next, ends)) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(process.name + " had not drained the topic after " + timeout.toMinutes()
                + " min; its log: " + process.log);
    }

    private static boolean reached(JsonNode next, Map<Integer, Long> ends) {
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            if (next.path(Integer.toString(end.getKey())).asLong(-1) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void cleanup(SinkContender.Target target) {
        stores.dropKeyspace(target.keyspace());
        if (target.index() != null) {
            stores.deleteIndex(target.index());
        }
    }

    /** The order of a run: baseline first in odd runs, last in even runs, so drift hits both sides alike. */
    static List<SinkContender> order(List<SinkContender> contenders, int run) {
        if (run % 2 == 1) {
            return contenders;
        }
        List<SinkContender> reversed = new java.util.ArrayList<>(contenders);
        java.util.Collections.reverse(reversed);
        return reversed;
    }
}
