package dev.radiostream.bench;

import dev.radiostream.pipeline.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.bench.baseline.ParquetBaseline;
import dev.radiostream.pipeline.KafkaTopics;

/**
 * Parquet → Kafka throughput: producer-service (song counts of all artists) and the parquet-java baseline
 * each read the whole data set into a fresh topic, the same number of files per micro-batch. Timed from
 * process start and from ready to the moment /status says every file is processed (both update it only
 * after the batch's records are flushed to Kafka). Then the topic is checked: the newest total of every
 * song must add up to the plays read.
 */
final class ParquetBenchmark {

    record Contender(String id, String label, boolean baseline, Map<String, String> settings, List<String> jvmFlags) {
    }

    static final List<Contender> CONTENDERS = List.of(
            new Contender("parquet-baseline", "baseline: parquet-java + kafka-clients", true, Map.of(), List.of()),
            new Contender("producer-service", "producer-service --all-artists", false, Map.of(), List.of()));

    /** The baseline, the service with the configured settings, and the service once per --variant. */
    static List<Contender> contenders(BenchConfig config) {
        List<Contender> all = new ArrayList<>();
        all.add(CONTENDERS.get(0));
        Map<String, String> settings = config.settings(BenchConfig.PRODUCER_MODULE);
        all.add(new Contender("producer-service", CONTENDERS.get(1).label(), false, settings, List.of()));
        for (BenchConfig.Variant variant : config.variants) {
            Map<String, String> more = new java.util.LinkedHashMap<>(settings);
            more.putAll(variant.settings());
            all.add(new Contender("producer-service+" + variant.name(), CONTENDERS.get(1).label() + " +" + variant.name(),
                    false, more, variant.jvmFlags()));
        }
        return all;
    }

    private final Stores stores;
    private final Launcher launcher;
    private final BenchConfig config;
    private final Path root;
    private final Path runDir;
    private final String stamp;

    ParquetBenchmark(Stores stores, Launcher launcher, BenchConfig config, Path root, Path runDir, String stamp) {
        this.stores = stores;
        this.launcher = launcher;
        this.config = config;
        this.root = root;
        this.runDir = runDir;
        this.stamp = stamp;
    }

    Results.Throughput run(Contender contender, int run) throws Exception {
        String name = "bench-" + contender.id().replace('+', '-') + "-r" + run;
        String topic = name + "-" + stamp;
        String source = root.resolve("data/allRadioPartitionByRadioAndDate.parquet").toString();
        String files = Integer.toString(config.filesPerTrigger);
        RunningContender process = contender.baseline()
                ? launcher.baseline(name, ParquetBaseline.class, List.of("--source", source, "--bootstrap-servers",
                        stores.endpoints().kafka(), "--topic", topic, "--files-per-batch", files,
                        "--partitions", Integer.toString(config.partitions)))
                : launcher.service(name, BenchConfig.PRODUCER_MODULE, List.of("run", "--mode", "song-counts",
                        "--source", source, "--topic", topic, "--all-artists", "--files-per-trigger", files,
                        "--checkpoint-dir", runDir.resolve("checkpoints").resolve(name).toString(), "--from-scratch"),
                        contender.settings(), contender.jvmFlags());
        long ready;
        long done;
        ProcStats atReady;
        ProcStats cost;
        long plays;
        Spill spill;
        try {
            ready = process.awaitReady(Duration.ofMinutes(5));
            atReady = process.stats();
            RunningContender.Answer answer = process.awaitStatus(status -> status.path("filesTotal").asLong(-1) > 0
                    && status.path("filesProcessed").asLong() >= status.path("filesTotal").asLong(),
                    config.drainTimeout, "processed every file");
            JsonNode status = answer.status();
            done = answer.nanos();
            cost = process.stats();
            plays = status.path("totalInputRows").asLong();
            spill = contender.baseline() ? null : Spill.from(status);
        } finally {
            process.close();
        }
        long sent = stores.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        long songs;
        long total = 0;
        try (KafkaTopics kafka = new KafkaTopics(stores.endpoints().kafka())) {
            Map<String, String> newest = kafka.lastValuePerKey(topic);
            songs = newest.size();
            for (String value : newest.values()) {
                total += Http.JSON.readTree(value).path("count").asLong();
            }
        }
        stores.deleteTopic(topic);
        boolean ok = total == plays && plays > 0;
        String check = String.format("%,d records, %,d songs, sum %,d", sent, songs, total);
        Results.Throughput result = new Results.Throughput("parquet", contender.id(), run, contender.baseline(), plays,
                (ready - process.startedNanos) / 1e9, (done - ready) / 1e9, (done - process.startedNanos) / 1e9,
                atReady, cost, null, spill, check, ok);
        System.out.printf("  %-24s run %d: %,10.0f plays/s (%,.0f incl. start), ready %.1f s, done in %.1f s, "
                + "peak RSS %,.0f MiB, CPU %.0f s (%.1f µs/play from ready), %s%s%n", contender.id(), run,
                result.rateExcludingStart(), result.rateIncludingStart(), result.startToReadySeconds(),
                result.drainSeconds(), cost.peakRssMib(), cost.cpuSeconds(), result.cpuMicrosPerItem(), check,
                ok ? "" : "  <-- WRONG (plays read " + plays + ")");
        return result;
    }
}
