package dev.radiostream.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./pipeline demo|status|stop}: the whole system on the local stack, each service its own process.
 * The ./pipeline script builds what is missing and starts the stack before calling this.
 */
public final class PipelineCli {

    private static final String USAGE = """
            usage: ./pipeline demo [--artist NAME | --all-artists] [--files-per-trigger N] [--services a,b,...] [--keep-data] [--secure]
                                   [--cluster N]
                   ./pipeline status
                   ./pipeline stop [--keep-stack]
            services: %s""".formatted(String.join(",", PipelineServices.ALL));

    /** The demo's defaults (it passes them to the producers explicitly: the demo does not read their configuration). */
    private static final String DEFAULT_ARTIST = "Drake";
    private static final int DEFAULT_FILES_PER_TRIGGER = 500;

    private final PrintStream out = System.out;
    private final Path root;

    private PipelineCli(Path root) {
        this.root = root;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("repository.root", ".")).toAbsolutePath().normalize();
        int code;
        try {
            code = new PipelineCli(root).run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            code = 2;
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private int run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command is needed");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "demo" -> demo(rest);
            case "status" -> status();
            case "stop" -> stop();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
    }

    private PipelineOptions options(String artist, boolean allArtists, int filesPerTrigger, Set<String> services) {
        return new PipelineOptions(artist, allArtists, filesPerTrigger, services,
                root.resolve("data/allRadioPartitionByRadioAndDate.parquet"), root.resolve("data/broadcast.parquet"),
                root.resolve(".run/pipeline"), Endpoints.fromEnvironment(), 0);
    }

    private PipelineOptions defaults() {
        return options(DEFAULT_ARTIST, false, DEFAULT_FILES_PER_TRIGGER, new LinkedHashSet<>(PipelineServices.ALL));
    }

    private int demo(List<String> args) throws Exception {
        String artist = DEFAULT_ARTIST;
        boolean allArtists = false;
        boolean keepData = false;
        int filesPerTrigger = DEFAULT_FILES_PER_TRIGGER;
        Set<String> services = new LinkedHashSet<>(PipelineServices.ALL);
        SparkPlacement spark = SparkPlacement.LOCAL;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--artist" -> artist = value(args, ++i, "--artist");
                case "--all-artists" -> allArtists = true;
                case "--keep-data" -> keepData = true;
                // ./pipeline started the secured stack and exported its settings: nothing more to do here.
                case "--secure" -> { }
                case "--files-per-trigger" -> filesPerTrigger = positive(value(args, ++i, "--files-per-trigger"), "--files-per-trigger");
                case "--services" -> services = services(value(args, ++i, "--services"));
                // The ./pipeline script has started the cluster and says where its master is.
                case "--cluster" -> spark = SparkPlacement.cluster(requiredEnv("SPARK_CLUSTER_MASTER"),
                        positive(value(args, ++i, "--cluster"), "--cluster"));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        PipelineOptions options = options(artist, allArtists, filesPerTrigger, services).on(spark);
        Pipeline pipeline = new Pipeline(options, root, !keepData);
        if (!new Pipeline(defaults(), root, false).running().isEmpty()) {
            throw new IllegalStateException("the pipeline is already running: ./pipeline status, or ./pipeline stop first");
        }
        if (!keepData) {
            out.println("Starting from empty topics, keyspace and indices (--keep-data keeps them)...");
            pipeline.resetData();
        }
        Instant started = Instant.now();
        pipeline.start("1g");
        for (ServiceProcess process : pipeline.processes()) {
            out.printf("  started %-34s %s  log %s%n", process.spec().name(), process.spec().baseUrl(),
                    root.relativize(process.logFile()));
        }
        if (services.contains(PipelineServices.OFFSET_ADMIN)) {
            out.println("Watch it live: " + PipelineServices.dashboardUrl(pipeline.process(PipelineServices.OFFSET_ADMIN).spec()));
        }
        boolean terminal = System.console() != null;
        long[] lastPrinted = {0};
        FlowSnapshot done = pipeline.awaitFlowed(Duration.ofMinutes(20), snapshot -> {
            long seconds = Duration.between(started, Instant.now()).toSeconds();
            String line = String.format("[%3d s] %s", seconds, snapshot.line());
            if (terminal) {
                out.print("\r\033[K" + line);
            } else if (seconds - lastPrinted[0] >= 5) {
                out.println(line);
                lastPrinted[0] = seconds;
            }
        });
        Duration took = Duration.between(started, Instant.now());
        out.printf("%s%nAll data flowed in %d s: %s%n%n", terminal ? "" : "", took.toSeconds(), done.line());

        if (services.contains(PipelineServices.PRODUCER_SONG_COUNTS)) {
            out.println("Song counts " + (allArtists ? "of every artist" : "of " + artist) + " per radio, in each store:");
            SongCountResults.print(SongCountResults.collect(options.endpoints(), allArtists ? null : artist), 40, out);
        }
        if (services.contains(PipelineServices.ELASTIC_PLAYS)) {
            PlaysResults.print(PlaysResults.perRadio(options.endpoints()), out);
        }
        out.println();
        printEndpoints(pipeline);
        if (spark.onCluster()) {
            out.printf("  %-34s %s  (master %s, %d workers; each Spark service is an application there)%n",
                    "spark-cluster", System.getenv().getOrDefault("SPARK_CLUSTER_UI", "?"), spark.master(), spark.coresMax());
        }
        out.println("""

                Everything keeps running: explore with curl, or the offset admin tool:
                  ./service offset-admin-service list
                  ./service offset-admin-service reset --consumer kafka-to-cassandra-connector --topic song-counts --to-earliest
                ./pipeline status shows readiness and lag; ./pipeline stop stops the services and the stack (--keep-stack keeps the servers).""");
        return 0;
    }

    private void printEndpoints(Pipeline pipeline) {
        out.println("Endpoints:");
        for (ServiceProcess process : pipeline.processes()) {
            String base = process.spec().baseUrl();
            boolean admin = PipelineServices.OFFSET_ADMIN.equals(process.spec().name());
            // The Spark UI's real address: Spark moves to the next port when the configured one is taken.
            String sparkUi = admin ? "" : Http.get(base + "/status").map(s -> s.path("sparkUi").asText(""))
                    .filter(url -> !url.isEmpty() && !url.equals("null")).map(url -> "  Spark UI " + url).orElse("");
            out.printf("  %-34s %s/q/health/live  %s/q/health/ready  %s%s%n", process.spec().name(), base, base,
                    admin ? base + "/offsets" : base + "/status", sparkUi);
        }
        if (pipeline.processes().stream().anyMatch(p -> PipelineServices.OFFSET_ADMIN.equals(p.spec().name()))) {
            out.println("Dashboard: " + PipelineServices.dashboardUrl(pipeline.process(PipelineServices.OFFSET_ADMIN).spec()));
        }
    }

    private int status() throws Exception {
        Pipeline pipeline = new Pipeline(defaults(), root, false);
        List<ServiceProcess> running = pipeline.running();
        if (running.isEmpty()) {
            out.println("No pipeline service is running (./pipeline demo starts them).");
            return 0;
        }
        Endpoints endpoints = Endpoints.fromEnvironment();
        try (KafkaTopics kafka = new KafkaTopics(endpoints.kafka(), endpoints.security().kafka())) {
            FlowSnapshot snapshot = FlowSnapshot.take(running.stream().map(ServiceProcess::spec).toList(),
                    Endpoints.fromEnvironment(), kafka);
            for (FlowSnapshot.ServiceView view : snapshot.services().values()) {
                ServiceProcess process = pipeline.process(view.name());
                out.printf("%-34s pid %-7d %-9s %-10s%s%s%n", view.name(), process.handle().map(ProcessHandle::pid).orElse(-1L),
                        view.ready() ? "ready" : "NOT READY", view.phase(),
                        view.lag() >= 0 ? "  lag " + view.lag() : "",
                        view.reason() == null ? "" : "  (" + view.reason() + ")");
            }
            out.println(snapshot.line());
        }
        return 0;
    }

    private int stop() {
        Pipeline pipeline = new Pipeline(defaults(), root, false);
        List<ServiceProcess> running = pipeline.running();
        pipeline.stop();
        out.println(running.isEmpty() ? "No pipeline service was running." : "Stopped " + running.size() + " services.");
        return 0;
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: run the demo through ./pipeline, which starts the cluster");
        }
        return value;
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a positive whole number, not '" + text + "'");
    }

    private static Set<String> services(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            if (!PipelineServices.ALL.contains(name.trim())) {
                throw new IllegalArgumentException("unknown service " + name.trim());
            }
            chosen.add(name.trim());
        }
        return chosen;
    }
}
