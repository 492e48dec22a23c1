package dev.radiostream.system.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static checks catch what they are meant to: each case breaks a copy of docker-compose.yml in one way. */
class ContainerChecksSelfTest {

    private static Path root;

    @BeforeAll
    static void load() {
        root = Repository.root();
    }

    @Test
    void keyNamesFollowSmallRyeAndMicroProfile() {
        assertEquals("source-path", ServiceConfig.kebab("sourcePath"));
        assertEquals("foreach-max-in-flight", ServiceConfig.kebab("foreachMaxInFlight"));
        assertEquals("http-url-path", ServiceConfig.kebab("httpURLPath"));
        assertEquals("url", ServiceConfig.kebab("url"));
        assertEquals("KAFKA_TO_CASSANDRA_SINK_STYLE", ServiceConfig.environmentName("kafka-to-cassandra.sink-style"));
        assertEquals("QUARKUS_LOG_CATEGORY__ORG_APACHE_SPARK__LEVEL",
                ServiceConfig.environmentName("quarkus.log.category.\"org.apache.spark\".level"));
    }

    @Test
    void mappingInterfacesAreReadFromTheSource() {
        String source = ServiceConfig.withoutComments("""
                package x;
                /** Where it is: see http://example.org. */
                @ConfigMapping(prefix = "thing")
                public interface ThingSettings {
                    enum Mode { FAST, SLOW }
                    @WithDefault("http://127.0.0.1:9200") // a URL with // inside a string
                    URI url();
                    @WithName("custom-name")
                    Optional<Long> maxRecordsPerTrigger();
                    Mode mode();
                    default String describe() { return mode().name(); }
                }
                """);
        assertEquals(Map.of("thing.url", "http://127.0.0.1:9200", "thing.custom-name", "", "thing.mode", ""),
                ServiceConfig.mappingKeys(source));
    }

    @Test
    void aDefaultNamedByItsConstantIsReadFromTheConstant() {
        String source = ServiceConfig.withoutComments("""
                package x;
                @ConfigMapping(prefix = "thing")
                public interface ThingSettings {
                    /** Shown by --help too. */
                    String DEFAULT_URL = "http://127.0.0.1:9200";
                    @WithDefault(DEFAULT_URL)
                    URI url();
                    @WithDefault(Limits.MAX_IN_FLIGHT)
                    int maxInFlight();
                }
                """);
        assertEquals(Map.of("thing.url", "http://127.0.0.1:9200", "thing.max-in-flight", "64"),
                ServiceConfig.mappingKeys(source, Map.of("Limits.MAX_IN_FLIGHT", "64")));
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> ServiceConfig.mappingKeys(source));
        assertTrue(unknown.getMessage().contains("Limits.MAX_IN_FLIGHT"), unknown::getMessage);
        // The real mappings: a default behind a constant is known, e.g. for the restated-default check.
        assertEquals("1000000", ServiceConfig.load(root, "kafka-to-cassandra-service").defaults
                .get("consumer.max-offsets-per-trigger"));
    }

    @Test
    void realKeysAreFoundForEveryService() {
        ServiceConfig producer = ServiceConfig.load(root, "producer-service");
        assertTrue(producer.keys.containsKey("producer.checkpoint-dir"), producer.keys::toString);
        assertTrue(producer.keys.containsKey("spark.master"));
        assertFalse(producer.keys.containsKey("cassandra.contact-points"), "producer-service leaves the Cassandra beans out");
        ServiceConfig offsetAdmin = ServiceConfig.load(root, "offset-admin-service");
        assertFalse(offsetAdmin.keys.containsKey("spark.master"), "offset-admin-service has no Spark");
        assertFalse(offsetAdmin.servedPaths.contains("/status"), "offset-admin-service leaves StatusResource out");
        assertTrue(offsetAdmin.servedPaths.contains("/q/health/ready"));
        assertEquals(8084, offsetAdmin.httpPort);
    }

    @Test
    void dockerignoreFollowsDockerSemantics() {
        List<String> patterns = List.of("*", "!jvm.options", "!producer-service/target/quarkus-app/");
        assertFalse(ContainerChecks.ignored(patterns, "jvm.options"));
        assertFalse(ContainerChecks.ignored(patterns, "producer-service/target/quarkus-app/lib"));
        assertFalse(ContainerChecks.ignored(patterns, "producer-service/target/quarkus-app/x.jar"));
        assertTrue(ContainerChecks.ignored(patterns, "producer-service/src/main/java"));
        assertTrue(ContainerChecks.ignored(patterns, "data/broadcast.parquet"));
        assertTrue(ContainerChecks.ignored(List.of("**/target"), "a/b/target/quarkus-app"));
    }

    @Test
    void unknownEnvironmentVariablesAreReported() {
        List<String> problems = broken(c -> env(c, "producer-song-counts").put("PRODUCER_SORCE_PATH", "/deployments/data/x"),
                ContainerChecks::environmentProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("PRODUCER_SORCE_PATH") && p.contains("PRODUCER_SOURCE_PATH")),
                problems::toString);

        problems = broken(c -> env(c, "kafka-to-cassandra-connector").put("JAVA_OPTS", "-Xmx1g"),
                ContainerChecks::environmentProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("JAVA_OPTS") && p.contains("JDK_JAVA_OPTIONS")), problems::toString);

        problems = broken(c -> env(c, "kafka-to-cassandra-connector").put("SPARK_DRIVER_MEMORY", "2g"),
                ContainerChecks::environmentProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("SPARK_DRIVER_MEMORY")), problems::toString);

        problems = broken(c -> env(c, "producer-plays").put("CASSANDRA_CONTACT_POINTS", "cassandra:9042"),
                ContainerChecks::environmentProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("producer-plays") && p.contains("CASSANDRA_CONTACT_POINTS")),
                problems::toString);
    }

    @Test
    void restatedDefaultsAreReported() {
        List<String> problems = broken(c -> env(c, "offset-admin-service").put("KAFKA_REQUEST_TIMEOUT", "5s"),
                ContainerChecks::restatedDefaultProblems);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("KAFKA_REQUEST_TIMEOUT=5s restates the default of kafka.request-timeout"),
                problems::toString);

        ServiceConfig consumer = ServiceConfig.load(root, "kafka-to-cassandra-service");
        problems = consumer.restatedDefaults("application.properties", Map.of("cassandra.keyspace", "streaming",
                "spark.sql.shuffle.partitions", "2", "consumer.max-record-bytes", "2048"));
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("cassandra.keyspace=streaming")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("spark.sql.shuffle.partitions=2")), problems::toString);
    }

    @Test
    void addressesThatWouldPointAtTheContainerItselfAreReported() {
        List<String> problems = broken(c -> env(c, "kafka-to-elastic-plays").remove("ELASTICSEARCH_URL"),
                ContainerChecks::environmentProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("elasticsearch.url")), problems::toString);

        problems = broken(c -> env(c, "offset-admin-service").put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"),
                ContainerChecks::environmentProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("not a listener Kafka advertises")), problems::toString);

        problems = broken(c -> env(c, "producer-plays").put("PRODUCER_PLAYS_SOURCE_PATH", "/deployments/data/missing.parquet"),
                ContainerChecks::environmentProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("missing.parquet")), problems::toString);
    }

    @Test
    void duplicatePortsAndWrongContainerPortsAreReported() {
        List<String> problems = broken(c -> c.service("producer-plays").put("ports", new ArrayList<>(List.of("127.0.0.1:8081:8081"))),
                ContainerChecks::portProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("8081/tcp")), problems::toString);

        problems = broken(c -> c.service("producer-plays").put("ports", new ArrayList<>(List.of("127.0.0.1:8091:8080"))),
                ContainerChecks::portProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("container port 8080")), problems::toString);
    }

    @Test
    void healthChecksOnUnservedPathsOrPortsAreReported() {
        List<String> problems = broken(c -> c.service("offset-admin-service").put("healthcheck",
                new LinkedHashMap<>(Map.of("test", List.of("CMD-SHELL", "curl -fsS http://localhost:8084/status")))),
                ContainerChecks::healthcheckProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("/status")), problems::toString);

        problems = broken(c -> c.service("producer-plays").put("healthcheck",
                new LinkedHashMap<>(Map.of("test", List.of("CMD", "curl", "-f", "http://127.0.0.1:9999/q/health/ready")))),
                ContainerChecks::healthcheckProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("port 9999")), problems::toString);

        problems = broken(c -> c.service("cassandra").remove("healthcheck"), ContainerChecks::healthcheckProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("waits for cassandra")), problems::toString);
    }

    @Test
    void buildsOfMissingDockerfilesAreReported() {
        List<String> problems = broken(c -> ComposeModel.cast(c.service("producer-song-counts").get("build"))
                .put("dockerfile", "producer-service/src/main/docker/Dockerfile.native"), ContainerChecks::buildProblems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("Dockerfile.native")), problems::toString);
    }

    @Test
    void theBaseImageIsTheBuildArgumentsDefault() {
        Path path = Path.of("Dockerfile.jvm");
        assertEquals("eclipse-temurin:17-jre-noble", Dockerfile.parse(path,
                "ARG BASE_IMAGE=eclipse-temurin:17-jre-noble\nFROM ${BASE_IMAGE}\n").baseImage());
        assertEquals("eclipse-temurin:11-jre", Dockerfile.parse(path, "ARG BASE=\"eclipse-temurin:11-jre\"\nFROM $BASE AS run\n")
                .baseImage(), "a Java 11 default is what the Java 17 check then sees");
        assertEquals("debian:bookworm", Dockerfile.parse(path, "FROM debian:bookworm\n").baseImage());
    }

    @Test
    void kubernetesProbesAndEnvironmentAreChecked(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("bad.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: offset-admin-service}
                spec:
                  template:
                    spec:
                      containers:
                        - name: offset-admin-service
                          image: radiostream/offset-admin-service:1.0
                          ports: [{name: http, containerPort: 8084}]
                          env: [{name: KAFKA_BOOTSTRAP_SERVER, value: "kafka:29092"}]
                          livenessProbe: {httpGet: {path: /q/health/live, port: http}}
                          readinessProbe: {httpGet: {path: /status, port: 8084}}
                """);
        List<String> problems = ContainerChecks.load(root).kubernetesProblems(directory);
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("KAFKA_BOOTSTRAP_SERVER:")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("readinessProbe asks /status")), problems::toString);
    }

    /** The problems a check finds in a copy of the real docker-compose.yml changed by {@code change}. */
    private static List<String> broken(Consumer<ComposeModel> change, Function<ContainerChecks, List<String>> check) {
        ComposeModel compose = ComposeModel.load(root.resolve(Repository.COMPOSE_FILE));
        assertEquals(List.of(), check.apply(new ContainerChecks(root, compose)), "the real file passes");
        change.accept(compose);
        return check.apply(new ContainerChecks(root, compose));
    }

    private static Map<String, Object> env(ComposeModel compose, String service) {
        return ComposeModel.cast(compose.service(service).get("environment"));
    }
}
