package dev.radiostream.stack;

import java.util.List;

import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code stack.mode=testcontainers} variant: the same three servers and versions, as Docker containers.
 * Only loaded when that mode is chosen, so the default mode needs no Docker. Containers are stopped at JVM exit
 * (and by Testcontainers' reaper if the JVM dies).
 */
final class TestcontainersStack {

    private TestcontainersStack() {
    }

    static StackEndpoints start() {
        StackConfig config = StackConfig.load();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:" + config.kafkaVersion()));
        CassandraContainer cassandra = new CassandraContainer(DockerImageName.parse("cassandra:" + config.cassandraVersion()))
                .withEnv("MAX_HEAP_SIZE", "512M")
                .withEnv("HEAP_NEWSIZE", "128M");
        ElasticsearchContainer elasticsearch = new ElasticsearchContainer(
                DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch:" + config.elasticsearchVersion()))
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        List<GenericContainer<?>> containers = List.of(kafka, cassandra, elasticsearch);

        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> containers.forEach(GenericContainer::stop), "local-stack-containers-shutdown"));
        Startables.deepStart(containers).join();

        return new StackEndpoints(
                kafka.getBootstrapServers(),
                cassandra.getContactPoint().getHostString(),
                cassandra.getContactPoint().getPort(),
                cassandra.getLocalDatacenter(),
                "http://" + elasticsearch.getHttpHostAddress());
    }
}
