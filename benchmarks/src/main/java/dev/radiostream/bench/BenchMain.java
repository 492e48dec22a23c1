package dev.radiostream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.radiostream.pipeline.Endpoints;

/**
 * {@code ./bench}: throughput, latency and cost of every service against its hand-written baseline, on the
 * local stack, in one run; the results go into BENCHMARKS.md. The ./bench script builds everything and starts
 * the stack before calling this (with the stack's addresses in KAFKA_BOOTSTRAP_SERVERS,
 * CASSANDRA_CONTACT_POINTS, ELASTICSEARCH_URL, defaults 127.0.0.1:9092 / :9042 / :9200).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("repository.root", ".")).toAbsolutePath().normalize();
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.print(BenchConfig.USAGE);
            System.exit(0);
            return;
        }
        BenchConfig config;
        try {
            config = BenchConfig.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(BenchConfig.USAGE);
            System.exit(2);
            return;
        }
        String command = System.getenv("BENCH_COMMAND");
        config.command = command == null || command.isBlank() ? "./bench " + String.join(" ", args) : command.trim();
        try {
            run(config, root);
            System.exit(0);
        } catch (Exception e) {
            System.err.println("error: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(BenchConfig config, Path root) throws Exception {
        long started = System.nanoTime();
        Map<String, String> machine = Report.describeMachine(root);
        Endpoints endpoints = Endpoints.fromEnvironment();
        Path runDir = root.resolve(".run/bench");
        String stamp = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
        Path services = AppSnapshot.take(root, runDir.resolve("apps"), List.of(BenchConfig.CASSANDRA_MODULE,
                BenchConfig.ELASTIC_MODULE, BenchConfig.PRODUCER_MODULE));
        Launcher launcher = new Launcher(root, services, runDir, endpoints, config.heap, config.jvmFlags, config.portBase);
        machine.put("JVM tuning, services and baselines alike (jvm.options)", launcher.sharedTuning().isEmpty()
                ? "the JVM's defaults" : "`" + String.join(" ", launcher.sharedTuning()) + "`");
        Results results = new Results();
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "stop-contenders"));

        System.out.printf("Benchmarks on Kafka %s, Cassandra %s, Elasticsearch %s: %s, %d run(s)%n", endpoints.kafka(),
                endpoints.cassandra(), endpoints.elasticsearch(), config.sections, config.runs);
        Map<String, Map<String, String>> serviceKafka = new LinkedHashMap<>();
        for (String module : List.of(BenchConfig.CASSANDRA_MODULE, BenchConfig.ELASTIC_MODULE)) {
            serviceKafka.put(module, ServiceKafkaSettings.of(services, root, module, config.settings(module)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        try (Stores stores = new Stores(endpoints)) {
            removeLeftovers(stores);
            // Kafka → store sections, in this order within a run.
            Map<String, List<SinkContender>> drains = new LinkedHashMap<>();
            drains.put("cassandra", SinkContender.cassandra(config, endpoints));
            drains.put("elastic", SinkContender.elastic(config, endpoints, root));
            drains.put("plays", SinkContender.plays(config, endpoints, root));
            drains.values().forEach(list -> list.forEach(c -> labels.put(c.id(), c.label())));
            ParquetBenchmark.CONTENDERS.forEach(c -> labels.put(c.id(), c.label()));
            drains.replaceAll((section, list) -> list.stream().filter(c -> config.runs(c.id())).toList());
            List<SinkContender> latencyContenders = new ArrayList<>(drains.get("cassandra"));
            latencyContenders.addAll(drains.get("elastic"));
            latencyContenders.addAll(drains.get("plays"));
            drains.keySet().removeIf(section -> !config.sections.contains(section));

            SyntheticTopic songCounts = SyntheticTopic.songCounts(config.records, config.keys, config.partitions);
            SyntheticTopic plays = SyntheticTopic.plays(config.records, config.partitions);
            SyntheticTopic.Loaded songCountsBase = drains.containsKey("cassandra") || drains.containsKey("elastic")
                    ? songCounts.ensure(stores) : null;
            SyntheticTopic.Loaded playsBase = drains.containsKey("plays") ? plays.ensure(stores) : null;
            Map<String, DrainBenchmark> benchmarks = new LinkedHashMap<>();
            Map<String, SyntheticTopic.Loaded> bases = new LinkedHashMap<>();
            for (String section : drains.keySet()) {
                boolean isPlays = section.equals("plays");
                bases.put(section, isPlays ? playsBase : songCountsBase);
                benchmarks.put(section, new DrainBenchmark(section, isPlays ? plays : songCounts, stores, launcher, config, stamp));
            }
            ParquetBenchmark parquet = new ParquetBenchmark(stores, launcher, config, root, runDir, stamp);
            for (int r = 1; r <= config.runs; r++) {
                int run = r;
                System.out.printf("Run %d of %d%n", run, config.runs);
                for (Map.Entry<String, List<SinkContender>> section : drains.entrySet()) {
                    DrainBenchmark benchmark = benchmarks.get(section.getKey());
                    SyntheticTopic.Loaded base = bases.get(section.getKey());
                    for (SinkContender contender : DrainBenchmark.order(section.getValue(), run)) {
                        attempt(results, contender.id() + " run " + run, () -> results.throughput.add(benchmark.run(contender, base, run)));
                    }
                }
                if (config.sections.contains("parquet")) {
                    for (ParquetBenchmark.Contender contender : DrainBenchmark.order(ParquetBenchmark.contenders(config), run)
                            .stream().filter(c -> config.runs(c.id())).toList()) {
                        attempt(results, contender.id() + " run " + run, () -> results.throughput.add(parquet.run(contender, run)));
                    }
                }
            }
            if (config.sections.contains("latency")) {
                System.out.println("Latency");
                LatencyBenchmark latency = new LatencyBenchmark(stores, launcher, config, stamp);
                for (SinkContender contender : latencyContenders) {
                    attempt(results, contender.id() + " latency", () -> results.latency.addAll(latency.run(contender)));
                }
            }
        }
        launcher.stopAll();
        AppSnapshot.deleteRecursively(services); // the copy of the packaged services, ~750 MB
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        new Report(config, results, labels, machine, serviceKafka, Report.load(), took).write(config.output);
        System.out.printf("Results written to %s (%d min)%n", config.output, took.toMinutes());
        if (!results.notes.isEmpty()) {
            System.out.println("Some measurements failed:");
            results.notes.forEach(n -> System.out.println("  " + n));
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** One measurement; a failure is noted in the report and the harness goes on with the next one. */
    private static void attempt(Results results, String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            String message = what + " failed: " + e.getMessage();
            System.out.println();
            System.out.println("  " + message);
            results.notes.add(message.lines().findFirst().orElse(message));
        }
    }

    /** Keyspaces, indices and topics of an interrupted earlier run (never the reusable synthetic base topics). */
    private static void removeLeftovers(Stores stores) throws Exception {
        stores.dropKeyspacesStartingWith("bench_");
        stores.deleteIndicesStartingWith("bench-");
        stores.deleteTopicsStartingWith("bench-latency-");
        stores.deleteTopicsStartingWith("bench-parquet-");
        stores.deleteTopicsStartingWith("bench-producer-");
        stores.deleteTopicsMatching(DrainBenchmark::isRunTopic);
    }
}
