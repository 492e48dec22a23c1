package dev.radiostream.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kafka → Cassandra / Elasticsearch throughput. Each contender-run gets a topic of its own, a copy of the
 * synthetic base topic made before the contender starts, and a keyspace / index and consumer id of its own
 * (nothing stored yet, so it starts at the earliest offsets).
 * <ol>
 * <li><b>Cold drain</b>: timed from process start and from ready (GET /q/health/ready UP, when the query or the
 * consumer loop runs) to the moment its /status nextOffsets, which every contender updates only after the
 * batch's writes are acknowledged, reach the copy's end offsets. The store is checked.</li>
 * <li><b>Warm drain</b>: with the contender still running, the harness appends as many records again (the
 * generator's next ones: song totals go on, plays get new eventIds), timed from the first send to the moment
 * nextOffsets reach the new end offsets. The store is checked again.</li>
 * </ol>
 * CPU time is read at ready, at the end of the cold drain, just before the first appended record and at the
 * end of the warm drain; the Spark spill from /status at the end.
 */
final class DrainBenchmark {

    private final String section;
    private final SyntheticTopic synthetic;
    private final Stores stores;
    private final Launcher launcher;
    private final BenchConfig config;
    private final String stamp;

    DrainBenchmark(String section, SyntheticTopic synthetic, Stores stores, Launcher launcher, BenchConfig config,
            String stamp) {
        this.section = section;
        this.synthetic = synthetic;
        this.stores = stores;
        this.launcher = launcher;
        this.config = config;
        this.stamp = stamp;
    }

    /** The topic a contender-run drains: a copy of the base topic, deleted after the run. */
    static String runTopic(String baseTopic, String contender, int run) {
        return baseTopic + "-" + contender.replace('+', '-') + "-r" + run;
    }

    /** True for a run topic an interrupted harness may have left behind (never a base topic, which ends in -pN). */
    static boolean isRunTopic(String topic) {
        return (topic.startsWith("bench-song-counts-") || topic.startsWith("bench-plays-")) && topic.matches(".*-r\\d+$");
    }

    Results.Throughput run(SinkContender contender, SyntheticTopic.Loaded base, int run) throws Exception {
        SinkContender.Target target = contender.target("r" + run, stamp);
        String topic = runTopic(base.topic(), contender.id(), run);
        cleanup(target);
        try {
            return measure(contender, base, run, target, topic);
        } finally {
            // Also after a failure: a copy of the base topic is as large as the base topic.
            cleanup(target);
            stores.deleteTopic(topic);
        }
    }

    private Results.Throughput measure(SinkContender contender, SyntheticTopic.Loaded base, int run,
            SinkContender.Target target, String topic) throws Exception {
        long copyStarted = System.nanoTime();
        Map<Integer, Long> coldEnds = synthetic.copy(stores, base, topic);
        System.out.printf("  %-24s run %d: copied %,d records to %s in %.1f s%n", contender.id(), run, base.records(),
                topic, (System.nanoTime() - copyStarted) / 1e9);
        String name = "bench-" + contender.id().replace('+', '-') + "-r" + run;
        long records = base.records();
        RunningContender process = contender.start(launcher, name, topic, target);
        long ready;
        RunningContender.Answer cold;
        ProcStats atReady;
        ProcStats coldCost;
        SyntheticTopic.Check coldCheck;
        Results.Warm warm = null;
        String warmFailure = null;
        SyntheticTopic.Check warmCheck = null;
        ProcStats endCost;
        Spill spill;
        try {
            ready = process.awaitReady(Duration.ofMinutes(5));
            atReady = process.stats();
            cold = awaitOffsets(process, coldEnds, config.drainTimeout);
            coldCost = process.stats();
            JsonNode lastStatus = cold.status();
            coldCheck = synthetic.generator().expected(records).check(written(contender, target));
            try {
                ProcStats beforeAppend = process.stats();
                SyntheticTopic.Append append = synthetic.append(stores, topic, records, records);
                RunningContender.Answer warmDone = awaitOffsets(process, append.endOffsets(), config.drainTimeout);
                ProcStats afterWarm = process.stats();
                lastStatus = warmDone.status();
                warm = new Results.Warm(records, append.seconds(), (warmDone.nanos() - append.firstSendNanos()) / 1e9,
                        afterWarm.cpuSecondsSince(beforeAppend));
                warmCheck = synthetic.generator().expected(2 * records).check(written(contender, target));
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                warmFailure = message.lines().findFirst().orElse(message);
                System.out.printf("  %-24s run %d: the warm drain failed: %s%n", contender.id(), run, message);
            }
            endCost = process.stats();
            spill = contender.baseline() ? null : Spill.from(lastStatus);
        } finally {
            process.close();
        }
        boolean ok = coldCheck.ok() && warmCheck != null && warmCheck.ok();
        String check = "cold " + coldCheck.text() + "; warm " + (warmCheck != null ? warmCheck.text() : "FAILED: " + warmFailure);
        Results.Throughput result = new Results.Throughput(section, contender.id(), run, contender.baseline(), records,
                (ready - process.startedNanos) / 1e9, (cold.nanos() - ready) / 1e9, (cold.nanos() - process.startedNanos) / 1e9,
                atReady, coldCost.withPeakOf(endCost),
                warm, spill, check, ok);
        System.out.printf("  %-24s run %d: cold %,10.0f rec/s (%,.0f incl. start), ready %.1f s, drained in %.1f s, "
                + "%.1f µs CPU/record; warm %,.0f rec/s (appended in %.1f s, drained in %.1f s); peak RSS %,.0f MiB, %s%s%n",
                contender.id(), run, result.rateExcludingStart(), result.rateIncludingStart(), result.startToReadySeconds(),
                result.drainSeconds(), result.cpuMicrosPerItem(), result.warmRate(), warm == null ? Double.NaN : warm.appendSeconds(),
                warm == null ? Double.NaN : warm.drainSeconds(), result.cost().peakRssMib(), check, ok ? "" : "  <-- WRONG");
        return result;
    }

    private Stores.Written written(SinkContender contender, SinkContender.Target target) {
        if (contender.store() == SinkContender.Store.CASSANDRA) {
            return stores.cassandraWritten(target.keyspace(), target.table());
        }
        return contender.input() == SinkContender.Input.PLAYS
                ? stores.elasticPlaysWritten(target.index(), SyntheticTopic.Plays.RADIOS)
                : stores.elasticWritten(target.index());
    }

    /** Waits until the contender's stored next offsets have reached the ends; the /status answer then. */
    static RunningContender.Answer awaitOffsets(RunningContender process, Map<Integer, Long> ends, Duration timeout)
            throws InterruptedException {
        return process.awaitStatus(status -> reached(status.path("nextOffsets"), ends), timeout, "drained the topic");
    }

    static boolean reached(JsonNode next, Map<Integer, Long> ends) {
        if (next == null || !next.isObject()) {
            return false;
        }
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
    static <T> List<T> order(List<T> contenders, int run) {
        if (run % 2 == 1) {
            return contenders;
        }
        List<T> reversed = new java.util.ArrayList<>(contenders);
        java.util.Collections.reverse(reversed);
        return reversed;
    }
}
