package dev.radiostream.offsetadmin;

import java.util.Map;

import dev.radiostream.stack.LocalStack;
import dev.radiostream.stack.StackEndpoints;
import dev.radiostream.stack.TestNames;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the test's Quarkus application at the real Kafka and Cassandra of the local stack (started once per test
 * JVM, or reused when already up) with a keyspace of its own, so test classes never see each other's offsets.
 * <p>
 * The same as streaming-spark's test helper LocalStackResource, kept in this module: a test resource class must be loaded
 * by the test application's class loader, which a class of another module's test-jar is not when Quarkus maps
 * that test-jar to a workspace directory that lacks it.
 */
public class StackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        StackEndpoints stack = LocalStack.shared().ensureUp();
        return Map.of(
                "kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
                "cassandra.contact-points", stack.cassandraHostAndPort(),
                "cassandra.local-datacenter", stack.cassandraLocalDatacenter(),
                "cassandra.keyspace", TestNames.unique("offset_admin"));
    }

    @Override
    public void stop() {
        // The stack outlives a test class; LocalStack stops what it started when the test JVM exits.
    }
}
