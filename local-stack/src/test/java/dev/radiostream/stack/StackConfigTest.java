package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

    private static final Map<String, String> VERSIONS =
            Map.of("kafka", "4.1.1", "cassandra", "5.0.6", "elasticsearch", "8.8.2", "spark", "3.5.4");

    @TempDir
    Path workingDir;

    private StackConfig parse(Map<String, String> env, Map<String, String> systemProperties) {
        return StackConfig.from(env, systemProperties, workingDir, VERSIONS);
    }

    @Test
    void defaultsAreTheUsualPortsOnLoopbackUnderTheRepositoryRunDirectory() {
        StackConfig config = parse(Map.of(), Map.of("stack.repository.root", "/checkout"));

        assertEquals(Path.of("/checkout"), config.repositoryRoot());
        assertEquals(Path.of("/checkout/.run/stack"), config.runDir());
        assertEquals("127.0.0.1:9092", config.kafkaBootstrapServers());
        assertEquals(9093, config.kafkaControllerPort());
        assertEquals(9042, config.cassandraPort());
        assertEquals(7000, config.cassandraStoragePort());
        assertEquals("http://127.0.0.1:9200", config.elasticsearchUrl());
        assertEquals(9300, config.elasticsearchTransportPort());
        assertEquals(Duration.ofSeconds(120), config.startTimeout());
        assertEquals("nobody", config.elasticsearchUser());
        assertEquals("4.1.1", config.kafkaVersion());
    }

    @Test
    void environmentOverridesPortsAndRunDirectory() {
        StackConfig config = parse(
                Map.of("STACK_KAFKA_PORT", "19092", "STACK_CASSANDRA_PORT", " 19042 ",
                        "STACK_ELASTICSEARCH_PORT", "19200", "STACK_RUN_DIR", "elsewhere/run"),
                Map.of());

        assertEquals(19092, config.kafkaPort());
        assertEquals(19042, config.cassandraPort());
        assertEquals(19200, config.elasticsearchPort());
        assertEquals(workingDir.resolve("elsewhere/run"), config.runDir(), "a relative STACK_RUN_DIR is taken from the working directory");
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        StackConfig config = parse(Map.of("STACK_KAFKA_PORT", "19092"), Map.of("stack.kafka.port", "29092"));

        assertEquals(29092, config.kafkaPort());
    }

    @Test
    void endpointsNameTheConfiguredPortsAndTheCassandraDatacenter() {
        StackEndpoints endpoints = parse(Map.of("STACK_CASSANDRA_PORT", "19042"), Map.of()).endpoints();

        assertEquals("127.0.0.1:9092", endpoints.kafkaBootstrapServers());
        assertEquals("127.0.0.1", endpoints.cassandraHost());
        assertEquals(19042, endpoints.cassandraContactPoint().getPort());
        assertEquals("127.0.0.1:19042", endpoints.cassandraHostAndPort());
        assertEquals("datacenter1", endpoints.cassandraLocalDatacenter());
        assertEquals("http://127.0.0.1:9200", endpoints.elasticsearchUrl());
    }

    @Test
    void aPortThatIsNotANumberIsRejectedWithItsName() {
        StackException error = assertThrows(StackException.class, () -> parse(Map.of("STACK_KAFKA_PORT", "kafka"), Map.of()));

        assertEquals("STACK_KAFKA_PORT must be a number, got 'kafka'", error.getMessage());
    }

    @Test
    void aPortOutOfRangeIsRejected() {
        StackException error = assertThrows(StackException.class,
                () -> parse(Map.of("STACK_ELASTICSEARCH_PORT", "70000"), Map.of()));

        assertEquals("STACK_ELASTICSEARCH_PORT must be a port number (1-65535), got '70000'", error.getMessage());
    }

    @Test
    void twoServersOnOnePortAreRejected() {
        StackException error = assertThrows(StackException.class,
                () -> parse(Map.of("STACK_CASSANDRA_STORAGE_PORT", "9092"), Map.of()));

        assertEquals("STACK_KAFKA_PORT and STACK_CASSANDRA_STORAGE_PORT are both 9092: each server port must differ",
                error.getMessage());
    }

    @Test
    void theSparkClusterHasTheStandardPortsTwoWorkersAndConfigurableSizes() {
        StackConfig.SparkClusterConfig defaults = parse(Map.of(), Map.of()).sparkCluster();
        assertEquals("spark://127.0.0.1:7077", defaults.masterUrl());
        assertEquals("http://127.0.0.1:8090", defaults.masterUiUrl());
        assertEquals(2, defaults.workers());
        assertEquals(8092, defaults.workerUiPort(2));

        StackConfig.SparkClusterConfig custom = parse(Map.of("STACK_SPARK_WORKERS", "3", "STACK_SPARK_WORKER_CORES", "2",
                "STACK_SPARK_WORKER_MEMORY", "1G", "STACK_SPARK_MASTER_PORT", "27077"), Map.of()).sparkCluster();
        assertEquals(3, custom.workers());
        assertEquals(2, custom.workerCores());
        assertEquals("1g", custom.workerMemory());
        assertEquals("spark://127.0.0.1:27077", custom.masterUrl());
    }

    @Test
    void aWorkerUiPortOnAnotherServersPortIsRefused() {
        StackException error = assertThrows(StackException.class,
                () -> parse(Map.of("STACK_SPARK_WORKER_UI_PORT", "9091", "STACK_SPARK_WORKERS", "3", "STACK_KAFKA_PORT", "9093"),
                        Map.of()));
        assertTrue(error.getMessage().contains("9093"), error.getMessage());
    }

    @Test
    void anUnfilteredVersionResourceIsReported() {
        StackException error = assertThrows(StackException.class, () -> StackConfig.from(Map.of(), Map.of(), workingDir,
                Map.of("kafka", "${stack.kafka.version}", "cassandra", "5.0.6", "elasticsearch", "8.8.2", "spark", "3.5.4")));

        assertTrue(error.getMessage().startsWith("no kafka version in /stack-versions.properties"), error.getMessage());
    }

    @Test
    void theBuiltResourceCarriesTheRootPomVersions() {
        Map<String, String> versions = StackConfig.loadServerVersions();

        assertEquals("4.1.1", versions.get("kafka"));
        assertEquals("5.0.6", versions.get("cassandra"));
        assertEquals("8.8.2", versions.get("elasticsearch"));
    }

    @Test
    void repositoryRootIsTheAncestorHoldingTheStackScript() throws IOException {
        Path checkout = workingDir.resolve("checkout");
        Files.createDirectories(checkout.resolve("local-stack"));
        Files.writeString(checkout.resolve("stack"), "#!/bin/bash\n");
        Path moduleDir = Files.createDirectories(checkout.resolve("some-service/src"));

        assertEquals(checkout, StackConfig.findRepositoryRoot(null, moduleDir));
        assertEquals(Path.of("/explicit"), StackConfig.findRepositoryRoot("/explicit", moduleDir));
    }

    @Test
    void repositoryRootFallsBackToTheGitRoot() throws IOException {
        Path checkout = workingDir.resolve("plain-git");
        Files.createDirectories(checkout.resolve(".git"));
        Path nested = Files.createDirectories(checkout.resolve("a/b"));

        assertEquals(checkout, StackConfig.findRepositoryRoot("", nested));
    }
}
