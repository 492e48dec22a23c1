package dev.radiostream.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.radiostream.bench.baseline.CassandraBaseline;
import dev.radiostream.bench.baseline.ElasticBaseline;
import dev.radiostream.pipeline.Endpoints;

/**
 * A contender that reads a topic (song counts or plays) into a store: a consuming service in one mode (module
 * and command line), or a baseline (its own starter).
 */
record SinkContender(String id, String label, boolean baseline, Input input, Store store, String table, String module,
        ServiceArgs serviceArgs, Map<String, String> settings, List<String> jvmFlags, Starter baselineStarter) {

    enum Store { CASSANDRA, ELASTICSEARCH }

    /** What the contender reads: song counts {"radio","artist","title","count"} or plays (PlayEvent JSON). */
    enum Input { SONG_COUNTS, PLAYS }

    /** Where one run writes: its own keyspace (tables, kafka_offsets), index and consumer id. */
    record Target(String keyspace, String table, String index, String consumerId) {
    }

    interface Starter {
        RunningContender start(Launcher launcher, String processName, String topic, Target target);
    }

    interface ServiceArgs {
        List<String> of(String topic, Target target);
    }

    RunningContender start(Launcher launcher, String processName, String topic, Target target) {
        return baseline ? baselineStarter.start(launcher, processName, topic, target)
                : launcher.service(processName, module, serviceArgs.of(topic, target), settings, jvmFlags);
    }

    private static SinkContender service(String id, String label, Input input, Store store, String table, String module,
            ServiceArgs args, BenchConfig config) {
        return new SinkContender(id, label, false, input, store, table, module, args, config.settings(module), List.of(), null);
    }

    private static SinkContender baseline(String id, String label, Input input, Store store, String table, Starter starter) {
        return new SinkContender(id, label, true, input, store, table, null, null, Map.of(), List.of(), starter);
    }

    static List<SinkContender> cassandra(BenchConfig config, Endpoints endpoints) {
        String module = BenchConfig.CASSANDRA_MODULE;
        List<SinkContender> all = new ArrayList<>();
        all.add(baseline("cassandra-baseline", "baseline: kafka-clients + Java driver", Input.SONG_COUNTS, Store.CASSANDRA, "song_counts",
                (launcher, name, topic, t) -> launcher.baseline(name, CassandraBaseline.class, List.of(
                        "--bootstrap-servers", endpoints.kafka(), "--topic", topic, "--group", t.consumerId(),
                        "--cassandra", endpoints.cassandra(), "--keyspace", t.keyspace(), "--table", t.table(),
                        "--max-in-flight", Integer.toString(config.baselineMaxInFlight),
                        "--max-batch-records", Long.toString(config.baselineBatchRecords(module))))));
        for (String style : List.of("connector", "foreach-writer")) {
            all.add(service("cassandra-" + style, "kafka-to-cassandra-service " + style, Input.SONG_COUNTS, Store.CASSANDRA,
                    style.equals("connector") ? "song_counts" : "song_counts_foreach", module,
                    (topic, t) -> List.of("run", "--sink-style", style, "--topic", topic, "--keyspace", t.keyspace(),
                            "--consumer-id", t.consumerId()), config));
        }
        return withVariants(all, config);
    }

    static List<SinkContender> elastic(BenchConfig config, Endpoints endpoints, Path root) {
        List<SinkContender> all = new ArrayList<>();
        all.add(elasticBaseline("elastic-baseline", "baseline: kafka-clients + ES Java client bulk", "song-counts",
                config, endpoints, root));
        all.add(service("elastic-service", "kafka-to-elastic-service song-counts", Input.SONG_COUNTS, Store.ELASTICSEARCH, null,
                BenchConfig.ELASTIC_MODULE, elasticArgs("song-counts"), config));
        return withVariants(all, config);
    }

    /** Kafka → Elasticsearch for every play: the service's plays mode, and a baseline indexing every record. */
    static List<SinkContender> plays(BenchConfig config, Endpoints endpoints, Path root) {
        List<SinkContender> all = new ArrayList<>();
        all.add(elasticBaseline("elastic-plays-baseline", "baseline: kafka-clients + ES Java client bulk, every play",
                "plays", config, endpoints, root));
        all.add(service("elastic-plays-service", "kafka-to-elastic-service plays", Input.PLAYS, Store.ELASTICSEARCH, null,
                BenchConfig.ELASTIC_MODULE, elasticArgs("plays"), config));
        return withVariants(all, config);
    }

    private static ServiceArgs elasticArgs(String mode) {
        return (topic, t) -> List.of("run", "--mode", mode, "--topic", topic, "--index", t.index(),
                "--keyspace", t.keyspace(), "--consumer-id", t.consumerId());
    }

    /** ElasticBaseline in one of the service's modes, with the service's mapping file of that mode. */
    private static SinkContender elasticBaseline(String id, String label, String mode, BenchConfig config,
            Endpoints endpoints, Path root) {
        String module = BenchConfig.ELASTIC_MODULE;
        String mapping = root.resolve(module + "/src/main/resources/mappings/" + mode + ".json").toString();
        return baseline(id, label, mode.equals("plays") ? Input.PLAYS : Input.SONG_COUNTS, Store.ELASTICSEARCH, null,
                (launcher, name, topic, t) -> launcher.baseline(name, ElasticBaseline.class, List.of(
                        "--mode", mode,
                        "--bootstrap-servers", endpoints.kafka(), "--topic", topic, "--group", t.consumerId(),
                        "--elasticsearch", endpoints.elasticsearch(), "--index", t.index(), "--mapping", mapping,
                        "--bulk-docs", Integer.toString(config.baselineBulkDocs),
                        "--bulk-bytes", Long.toString(config.baselineBulkBytes),
                        "--concurrent-bulks", Integer.toString(config.baselineConcurrentBulks),
                        "--max-batch-records", Long.toString(config.baselineBatchRecords(module)))));
    }

    /** The services again, once per --variant, with the variant's settings on top (ids SERVICE+VARIANT). */
    private static List<SinkContender> withVariants(List<SinkContender> contenders, BenchConfig config) {
        List<SinkContender> all = new ArrayList<>(contenders);
        for (BenchConfig.Variant variant : config.variants) {
            for (SinkContender c : contenders) {
                if (c.baseline()) {
                    continue;
                }
                Map<String, String> settings = new LinkedHashMap<>(c.settings());
                settings.putAll(variant.settings());
                all.add(new SinkContender(c.id() + "+" + variant.name(), c.label() + " +" + variant.name(), false,
                        c.input(), c.store(), c.table(), c.module(), c.serviceArgs(), settings, variant.jvmFlags(), null));
            }
        }
        return all;
    }

    /** The names a run of this contender uses; unique per harness invocation (stamp) and run. */
    Target target(String run, String stamp) {
        String name = id.replace("+", "-");
        name = name + "-" + run;
        return new Target("bench_" + name.replace('-', '_').replaceAll("[^A-Za-z0-9_]", "_"), table,
                "bench-" + name.toLowerCase().replaceAll("[^a-z0-9_.-]", "-"), "bench-" + name + "-" + stamp);
    }
}
