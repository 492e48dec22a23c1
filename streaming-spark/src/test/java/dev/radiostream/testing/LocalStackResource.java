package dev.radiostream.testing;

import java.util.HashMap;
import java.util.Map;

import dev.radiostream.stack.LocalStack;
import dev.radiostream.stack.StackEndpoints;
import dev.radiostream.stack.TestNames;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real servers of the local stack (started once per test JVM, or reused
 * when already up) and gives the test class names of its own, so tests never see each other's data.
 * <p>
 * Init arg {@code unique}: comma-separated configuration keys that get a fresh name each time this resource
 * starts (e.g. {@code cassandra.keyspace,consumer.topic}).
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private String[] uniqueKeys = new String[0];

    @Override
    public void init(Map<String, String> initArgs) {
        String unique = initArgs.getOrDefault("unique", "");
        uniqueKeys = unique.isBlank() ? new String[0] : unique.split(",");
    }

    @Override
    public Map<String, String> start() {
        StackEndpoints stack = LocalStack.shared().ensureUp();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        config.put("cassandra.contact-points", stack.cassandraHostAndPort());
        config.put("cassandra.local-datacenter", stack.cassandraLocalDatacenter());
        config.put("elasticsearch.url", stack.elasticsearchUrl());
        for (String key : uniqueKeys) {
            String trimmed = key.trim();
            config.put(trimmed, TestNames.unique(trimmed.substring(trimmed.lastIndexOf('.') + 1)));
        }
        return config;
    }

    @Override
    public void stop() {
        // The stack outlives a test class; LocalStack stops what it started when the test JVM exits.
    }
}
