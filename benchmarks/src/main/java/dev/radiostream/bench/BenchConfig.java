package dev.radiostream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The harness's options (./bench --help). */
final class BenchConfig {

    static final String USAGE = """
            usage: ./bench [--records N] [--keys K] [--partitions P] [--runs R] [--quick]
                           [--only cassandra,elastic,plays,parquet,latency] [--contenders LIST]
                           [--latency-rate R] [--latency-seconds S] [--heap 1g] [--jvm-flags "-XX:..."]
                           [--set MODULE:KEY=VALUE]... [--variant NAME:K=V,...] [--output FILE] [--port-base 28100]
              --records N         records of each synthetic topic: the song-counts topic (cassandra, elastic) and the
                                  plays topic (plays); each drain appends as many again (warm). Default 2,000,000
              --keys K            songs of the song-counts topic (default 100,000)
              --partitions P      partitions of both topics (default 3)
              --runs R            repetitions of every throughput measurement (default 3); latency: R windows
              --quick             200,000 records, 1 run, one 10 s latency window (for development)
              --only LIST         sections to run (default all): cassandra, elastic, plays, parquet, latency
              --contenders LIST   contender ids to run (default all): cassandra-baseline, cassandra-connector,
                                  cassandra-foreach-writer, elastic-baseline, elastic-service, elastic-plays-baseline,
                                  elastic-plays-service, parquet-baseline, producer-service
              --set M:K=V         a configuration key for one service module, e.g.
                                  --set kafka-to-cassandra-service:consumer.max-offsets-per-trigger=200000
              --variant NAME:K=V,K=V,-XX:FLAG   a tuning candidate: every service also runs with these settings
                                  (all service modules) and JVM flags, as contender SERVICE+NAME, alternating with the others
              --as-configured     no-op, kept for old command lines: the services always run as their
                                  application.properties say (plus --set); the tuned settings are their defaults now
              --jvm-flags         extra JVM flags for every contender (services and baselines)
            """;

    static final List<String> SECTIONS = List.of("cassandra", "elastic", "plays", "parquet", "latency");
    static final String CASSANDRA_MODULE = "kafka-to-cassandra-service";
    static final String ELASTIC_MODULE = "kafka-to-elastic-service";
    static final String PRODUCER_MODULE = "producer-service";

    /**
     * A tuning candidate: extra settings (and JVM flags) for every service; each variant adds a contender per
     * service ("cassandra-connector+NAME"), measured alternately with the others in the same run.
     */
    record Variant(String name, Map<String, String> settings, List<String> jvmFlags) {
    }

    final List<Variant> variants = new ArrayList<>();
    long records = 2_000_000;
    int keys = 100_000;
    int partitions = 3;
    int runs = 3;
    boolean quick;
    Set<String> sections = new LinkedHashSet<>(SECTIONS);
    /** Contender ids to run (empty: all), e.g. cassandra-connector,elastic-service (for tuning experiments). */
    Set<String> contenders = new LinkedHashSet<>();
    int latencyRate = 2000;
    int latencySeconds = 20;
    int latencyWarmupSeconds = 5;
    int latencyWindows = -1;
    String heap = "1g";
    List<String> jvmFlags = new ArrayList<>();
    final Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
    Path output;
    int portBase = 28100;
    Duration drainTimeout = Duration.ofMinutes(20);
    String command;
    /** The producer's files per micro-batch; the Parquet baseline reads as many per batch. */
    int filesPerTrigger = 500;
    // The baselines' own knobs (see dev.radiostream.bench.baseline).
    int baselineMaxInFlight = 256;
    int baselineBulkDocs = 5000;
    long baselineBulkBytes = 5L * 1024 * 1024;
    int baselineConcurrentBulks = 2;

    static BenchConfig parse(String[] args, Path root) {
        BenchConfig config = new BenchConfig();
        config.output = root.resolve("BENCHMARKS.md");
        boolean recordsGiven = false;
        boolean runsGiven = false;
        boolean secondsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--records" -> {
                    config.records = Long.parseLong(value(args, ++i, arg).replace("_", "").replace(",", ""));
                    recordsGiven = true;
                }
                case "--keys" -> config.keys = Integer.parseInt(value(args, ++i, arg).replace("_", "").replace(",", ""));
                case "--partitions" -> config.partitions = Integer.parseInt(value(args, ++i, arg));
                case "--runs" -> {
                    config.runs = Integer.parseInt(value(args, ++i, arg));
                    runsGiven = true;
                }
                case "--quick" -> config.quick = true;
                case "--only" -> {
                    config.sections = new LinkedHashSet<>(List.of(value(args, ++i, arg).split(",")));
                    if (!SECTIONS.containsAll(config.sections)) {
                        throw new IllegalArgumentException("--only takes some of " + SECTIONS);
                    }
                }
                case "--contenders" -> config.contenders = new LinkedHashSet<>(List.of(value(args, ++i, arg).split(",")));
                case "--latency-rate" -> config.latencyRate = Integer.parseInt(value(args, ++i, arg));
                case "--latency-seconds" -> {
                    config.latencySeconds = Integer.parseInt(value(args, ++i, arg));
                    secondsGiven = true;
                }
                case "--latency-windows" -> config.latencyWindows = Integer.parseInt(value(args, ++i, arg));
                case "--heap" -> config.heap = value(args, ++i, arg);
                case "--jvm-flags" -> config.jvmFlags = List.of(value(args, ++i, arg).trim().split("\\s+"));
                case "--set" -> {
                    String setting = value(args, ++i, arg);
                    int colon = setting.indexOf(':');
                    int equals = setting.indexOf('=');
                    if (colon < 0 || equals < colon) {
                        throw new IllegalArgumentException("--set takes MODULE:KEY=VALUE, not " + setting);
                    }
                    config.overrides.computeIfAbsent(setting.substring(0, colon), m -> new LinkedHashMap<>())
                            .put(setting.substring(colon + 1, equals), setting.substring(equals + 1));
                }
                case "--variant" -> {
                    // NAME:KEY=VALUE,KEY=VALUE,-XX:Flag
                    String spec = value(args, ++i, arg);
                    int colon = spec.indexOf(':');
                    Map<String, String> settings = new LinkedHashMap<>();
                    List<String> flags = new ArrayList<>();
                    for (String item : spec.substring(colon + 1).split(",")) {
                        if (item.startsWith("-")) {
                            flags.add(item);
                        } else if (item.contains("=")) {
                            settings.put(item.substring(0, item.indexOf('=')), item.substring(item.indexOf('=') + 1));
                        }
                    }
                    config.variants.add(new Variant(spec.substring(0, colon), settings, flags));
                }
                case "--as-configured" -> {
                    // no-op (see USAGE)
                }
                case "--output" -> config.output = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--port-base" -> config.portBase = Integer.parseInt(value(args, ++i, arg));
                case "--drain-timeout-minutes" -> config.drainTimeout = Duration.ofMinutes(Long.parseLong(value(args, ++i, arg)));
                case "--files-per-trigger" -> config.filesPerTrigger = Integer.parseInt(value(args, ++i, arg));
                case "--baseline-max-in-flight" -> config.baselineMaxInFlight = Integer.parseInt(value(args, ++i, arg));
                case "--baseline-bulk-docs" -> config.baselineBulkDocs = Integer.parseInt(value(args, ++i, arg));
                case "--baseline-concurrent-bulks" -> config.baselineConcurrentBulks = Integer.parseInt(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (config.quick) {
            if (!recordsGiven) {
                config.records = 200_000;
            }
            if (!runsGiven) {
                config.runs = 1;
            }
            if (!secondsGiven) {
                config.latencySeconds = 10;
            }
        }
        if (config.latencyWindows < 0) {
            config.latencyWindows = config.runs;
        }
        return config;
    }

    boolean runs(String contender) {
        if (contenders.isEmpty() || contenders.contains(contender)) {
            return true;
        }
        // A service named without a variant also selects its variants, unless variants are named one by one.
        boolean variantsNamed = contenders.stream().anyMatch(c -> c.contains("+"));
        return !variantsNamed && contenders.contains(contender.split("\\+")[0]);
    }

    /**
     * The batch bound of both sides unless --set gives one: the consumers' own default
     * (ConsumerSettings.DEFAULT_MAX_OFFSETS_PER_TRIGGER), passed to them explicitly so that a service and its
     * baseline always coalesce the same number of records per batch, whatever the default becomes.
     */
    static final String DEFAULT_BATCH_BOUND = "1000000";
    static final String BATCH_BOUND_KEY = "consumer.max-offsets-per-trigger";

    /**
     * The configuration keys passed to a service module on top of its application.properties: the --set ones, and
     * for the consumers the batch bound.
     */
    Map<String, String> settings(String module) {
        Map<String, String> settings = new LinkedHashMap<>(overrides.getOrDefault(module, Map.of()));
        if (module.equals(CASSANDRA_MODULE) || module.equals(ELASTIC_MODULE)) {
            settings.putIfAbsent(BATCH_BOUND_KEY, DEFAULT_BATCH_BOUND);
        }
        return settings;
    }

    /** The batch bound of a baseline: the same as its service's consumer.max-offsets-per-trigger (0: unbounded). */
    long baselineBatchRecords(String module) {
        String bound = settings(module).get(BATCH_BOUND_KEY);
        return bound == null ? 0 : Long.parseLong(bound);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
