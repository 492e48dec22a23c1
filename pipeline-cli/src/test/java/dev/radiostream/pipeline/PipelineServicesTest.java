package dev.radiostream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which processes a pipeline runs with which arguments, and when its data counts as flowed. */
class PipelineServicesTest {

    private static final Endpoints ENDPOINTS = new Endpoints("127.0.0.1:9092", "127.0.0.1:9042", "http://127.0.0.1:9200",
            "ks", "counts", "plays", "counts-index", "plays-index");

    private static PipelineOptions options(Set<String> services, boolean allArtists) {
        return new PipelineOptions("Drake", allArtists, 7, services, Path.of("/d/plays"), Path.of("/d/broadcast"),
                Path.of("/run"), ENDPOINTS, 10);
    }

    @Test
    void everyServiceHasItsPortArgumentsAndServers() {
        List<ServiceSpec> specs = PipelineServices.specs(options(new LinkedHashSet<>(PipelineServices.ALL), false), true);
        assertEquals(PipelineServices.ALL, specs.stream().map(ServiceSpec::name).toList());
        assertEquals(List.of(8091, 8095, 8092, 8096, 8093, 8097, 8094), specs.stream().map(ServiceSpec::port).toList());
        ServiceSpec producer = specs.get(0);
        assertEquals(List.of("run", "--mode", "song-counts", "--source", "/d/plays", "--topic", "counts",
                "--files-per-trigger", "7", "--checkpoint-dir", "/run/checkpoints/producer-song-counts",
                "--artist", "Drake", "--from-scratch"), producer.args());
        assertEquals(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042",
                "CASSANDRA_KEYSPACE", "ks", "ELASTICSEARCH_URL", "http://127.0.0.1:9200",
                "SPARK_APP_NAME", "producer-song-counts", "SPARK_UI_ENABLED", "true", "SPARK_UI_PORT", "4050"), producer.env());
        assertEquals(List.of(4050, 4051, 4052, 4053, 4054, 4055),
                specs.subList(0, 6).stream().map(spec -> Integer.parseInt(spec.env().get("SPARK_UI_PORT"))).toList(),
                "each Spark service its own UI port");
        ServiceSpec admin = specs.get(6);
        assertFalse(admin.env().containsKey("SPARK_APP_NAME"), "offset-admin has no Spark");
        assertEquals("producer-song-counts=http://127.0.0.1:8091,producer-plays=http://127.0.0.1:8095,"
                + "kafka-to-cassandra-connector=http://127.0.0.1:8092,kafka-to-cassandra-foreach-writer=http://127.0.0.1:8096,"
                + "kafka-to-elastic-song-counts=http://127.0.0.1:8093,kafka-to-elastic-plays=http://127.0.0.1:8097",
                admin.env().get("DASHBOARD_SERVICES"), "the dashboard watches this run's services");
        assertEquals("plays-index", admin.env().get("DASHBOARD_PLAYS_INDEX"));
        assertEquals(List.of("run", "--mode", "plays", "--topic", "plays", "--index", "plays-index"),
                specs.get(5).args());
        assertEquals(List.of("serve"), specs.get(6).args());
    }

    @Test
    void onAClusterEverySparkServiceGetsTheMasterAndItsShareOfCores() {
        PipelineOptions onCluster = options(new LinkedHashSet<>(PipelineServices.ALL), false)
                .on(SparkPlacement.cluster("spark://127.0.0.1:7077", 2));
        List<ServiceSpec> specs = PipelineServices.specs(onCluster, true);
        for (ServiceSpec spec : specs.subList(0, 6)) {
            assertEquals("spark://127.0.0.1:7077", spec.env().get("SPARK_MASTER"), spec.name());
            assertEquals("2", spec.env().get("SPARK_CORES_MAX"), spec.name());
        }
        assertFalse(specs.get(6).env().containsKey("SPARK_MASTER"), "offset-admin has no Spark");
    }

    @Test
    void allArtistsAndASubsetOfServices() {
        List<ServiceSpec> specs = PipelineServices.specs(options(Set.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.CASSANDRA_FOREACH), true), false);
        assertEquals(List.of(PipelineServices.PRODUCER_SONG_COUNTS, PipelineServices.CASSANDRA_FOREACH),
                specs.stream().map(ServiceSpec::name).toList());
        assertTrue(specs.get(0).args().contains("--all-artists"));
        assertFalse(specs.get(0).args().contains("--from-scratch"));
    }

    @Test
    void dataHasFlowedWhenEveryFileIsReadAndNoConsumerLags() {
        FlowSnapshot.ServiceView producerDone = view(PipelineServices.PRODUCER_SONG_COUNTS, true, 3024, 3024, -1);
        FlowSnapshot.ServiceView consumerDone = view(PipelineServices.CASSANDRA_CONNECTOR, true, -1, -1, 0);
        assertTrue(snapshot(producerDone, consumerDone).allFlowed());
        assertFalse(snapshot(view(PipelineServices.PRODUCER_SONG_COUNTS, true, 3000, 3024, -1), consumerDone).allFlowed());
        assertFalse(snapshot(producerDone, view(PipelineServices.CASSANDRA_CONNECTOR, true, -1, -1, 5)).allFlowed());
        assertFalse(snapshot(producerDone, view(PipelineServices.CASSANDRA_CONNECTOR, false, -1, -1, 0)).allFlowed(),
                "a consumer that is not ready has not caught up");
    }

    private static FlowSnapshot.ServiceView view(String name, boolean ready, long files, long total, long lag) {
        return new FlowSnapshot.ServiceView(name, true, ready, "RUNNING", null, files, total, 0, lag);
    }

    private static FlowSnapshot snapshot(FlowSnapshot.ServiceView... views) {
        Map<String, FlowSnapshot.ServiceView> map = new java.util.LinkedHashMap<>();
        for (FlowSnapshot.ServiceView view : views) {
            map.put(view.name(), view);
        }
        return new FlowSnapshot(map, Map.of("counts", 17L));
    }
}
