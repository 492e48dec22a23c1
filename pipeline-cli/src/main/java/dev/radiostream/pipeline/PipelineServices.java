package dev.radiostream.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The processes of the whole pipeline, each its own service with its own port, log and arguments. */
public final class PipelineServices {

    public static final String PRODUCER_SONG_COUNTS = "producer-song-counts";
    public static final String PRODUCER_PLAYS = "producer-plays";
    public static final String CASSANDRA_CONNECTOR = "kafka-to-cassandra-connector";
    public static final String CASSANDRA_FOREACH = "kafka-to-cassandra-foreach-writer";
    public static final String ELASTIC_SONG_COUNTS = "kafka-to-elastic-song-counts";
    public static final String ELASTIC_PLAYS = "kafka-to-elastic-plays";
    public static final String OFFSET_ADMIN = "offset-admin";

    public static final List<String> ALL = List.of(PRODUCER_SONG_COUNTS, PRODUCER_PLAYS, CASSANDRA_CONNECTOR,
            CASSANDRA_FOREACH, ELASTIC_SONG_COUNTS, ELASTIC_PLAYS, OFFSET_ADMIN);

    private PipelineServices() {
    }

    /** The selected services in start order (producers first), configured for these options. */
    public static List<ServiceSpec> specs(PipelineOptions options, boolean fromScratch) {
        Endpoints e = options.endpoints();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", e.kafka());
        env.put("CASSANDRA_CONTACT_POINTS", e.cassandra());
        env.put("CASSANDRA_KEYSPACE", e.keyspace());
        env.put("ELASTICSEARCH_URL", e.elasticsearch());
        // Security settings as the pipeline got them (passwords as *_FILE paths where given so).
        env.putAll(e.security().variables());
        Map<String, String> sparkEnv = new LinkedHashMap<>(env);
        sparkEnv.putAll(options.spark().environment());
        String checkpoints = options.runDir().resolve("checkpoints").toString();
        int p = options.portOffset();

        List<String> songCounts = new ArrayList<>(List.of("run", "--mode", "song-counts",
                "--source", options.songCountsSource().toString(), "--topic", e.songCountsTopic(),
                "--files-per-trigger", Integer.toString(options.filesPerTrigger()),
                "--checkpoint-dir", checkpoints + "/" + PRODUCER_SONG_COUNTS));
        songCounts.addAll(options.allArtists() ? List.of("--all-artists") : List.of("--artist", options.artist()));
        List<String> plays = new ArrayList<>(List.of("run", "--mode", "plays",
                "--plays-source", options.playsSource().toString(), "--plays-topic", e.playsTopic(),
                "--files-per-trigger", "2", "--checkpoint-dir", checkpoints + "/" + PRODUCER_PLAYS));
        if (fromScratch) {
            songCounts.add("--from-scratch");
            plays.add("--from-scratch");
        }

        List<ServiceSpec> sparkServices = List.of(
                spark(PRODUCER_SONG_COUNTS, "producer-service", 8081 + p, 4040 + p, songCounts, sparkEnv),
                spark(PRODUCER_PLAYS, "producer-service", 8085 + p, 4041 + p, plays, sparkEnv),
                spark(CASSANDRA_CONNECTOR, "kafka-to-cassandra-service", 8082 + p, 4042 + p,
                        List.of("run", "--sink-style", "connector", "--topic", e.songCountsTopic()), sparkEnv),
                spark(CASSANDRA_FOREACH, "kafka-to-cassandra-service", 8086 + p, 4043 + p,
                        List.of("run", "--sink-style", "foreach-writer", "--topic", e.songCountsTopic()), sparkEnv),
                spark(ELASTIC_SONG_COUNTS, "kafka-to-elastic-service", 8083 + p, 4044 + p,
                        List.of("run", "--mode", "song-counts", "--topic", e.songCountsTopic(), "--index", e.songCountsIndex()), sparkEnv),
                spark(ELASTIC_PLAYS, "kafka-to-elastic-service", 8087 + p, 4045 + p,
                        List.of("run", "--mode", "plays", "--topic", e.playsTopic(), "--index", e.playsIndex()), sparkEnv));
        List<ServiceSpec> selected = sparkServices.stream().filter(spec -> options.services().contains(spec.name())).toList();
        List<ServiceSpec> all = new ArrayList<>(selected);
        if (options.services().contains(OFFSET_ADMIN)) {
            all.add(new ServiceSpec(OFFSET_ADMIN, "offset-admin-service", 8084 + p, List.of("serve"),
                    dashboardEnv(env, selected, e)));
        }
        return List.copyOf(all);
    }

    /**
     * A Spark service: named as its process in the Spark UI and on a cluster's master (SPARK_APP_NAME), with its
     * Spark UI on, on a port of its own (Spark takes the next free one when it is taken; /status says which).
     */
    private static ServiceSpec spark(String name, String module, int port, int uiPort, List<String> args,
            Map<String, String> env) {
        Map<String, String> withName = new LinkedHashMap<>(env);
        withName.put("SPARK_APP_NAME", name);
        withName.put("SPARK_UI_ENABLED", "true");
        withName.put("SPARK_UI_PORT", Integer.toString(uiPort));
        return new ServiceSpec(name, module, port, args, withName);
    }

    /** offset-admin's dashboard watches the services of this run and shows this run's plays index. */
    private static Map<String, String> dashboardEnv(Map<String, String> env, List<ServiceSpec> watched, Endpoints e) {
        Map<String, String> withDashboard = new LinkedHashMap<>(env);
        withDashboard.put("DASHBOARD_SERVICES", String.join(",",
                watched.stream().map(spec -> spec.name() + "=" + spec.baseUrl()).toList()));
        withDashboard.put("DASHBOARD_PLAYS_INDEX", e.playsIndex());
        return withDashboard;
    }

    /** The dashboard's address, served by offset-admin. */
    public static String dashboardUrl(ServiceSpec offsetAdmin) {
        return offsetAdmin.baseUrl() + "/";
    }

    public static boolean isProducer(String name) {
        return name.startsWith("producer-");
    }

    public static boolean isConsumer(String name) {
        return name.startsWith("kafka-to-");
    }

    /** The topic a consumer process reads. */
    public static String topicOf(String name, Endpoints endpoints) {
        return name.endsWith("plays") ? endpoints.playsTopic() : endpoints.songCountsTopic();
    }
}
