package dev.radiostream.bench;

import dev.radiostream.pipeline.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.querybuilder.QueryBuilder;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;
import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.bench.baseline.CassandraBaseline;
import dev.radiostream.pipeline.Endpoints;

/** The harness's own access to the stack: topics and offsets, keyspaces, indices, and what a run wrote. */
final class Stores implements AutoCloseable {

    /**
     * What a store holds after a run: rows (documents), the sum of their counts (song counts) and the
     * documents per radio (plays; null for song counts).
     */
    record Written(long rows, long countSum, Map<String, Long> perRadio) {
    }

    private final Endpoints endpoints;
    private final Admin admin;
    private CqlSession cassandra;

    Stores(Endpoints endpoints) {
        this.endpoints = endpoints;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafka());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(props);
    }

    Endpoints endpoints() {
        return endpoints;
    }

    // ---- Kafka

    /** End offset of every partition of the topic; empty when the topic does not exist. */
    Map<Integer, Long> endOffsets(String topic) {
        return offsets(topic, OffsetSpec.latest());
    }

    /** First offset still in Kafka of every partition (above 0 once retention has removed records). */
    Map<Integer, Long> startOffsets(String topic) {
        return offsets(topic, OffsetSpec.earliest());
    }

    private Map<Integer, Long> offsets(String topic, OffsetSpec spec) {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::partition));
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        } catch (Exception e) {
            return Map.of();
        }
    }

    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }

    /** Deletes the topic and waits until it is gone (Kafka deletes asynchronously). */
    void deleteTopic(String topic) throws InterruptedException {
        try {
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            return; // did not exist
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                    return;
                }
            } catch (Exception e) {
                return;
            }
            Thread.sleep(200);
        }
    }

    void deleteTopicsStartingWith(String prefix) throws Exception {
        deleteTopicsMatching(topic -> topic.startsWith(prefix));
    }

    void deleteTopicsMatching(java.util.function.Predicate<String> which) throws Exception {
        for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
            if (which.test(topic)) {
                deleteTopic(topic);
            }
        }
    }

    // ---- Cassandra

    synchronized CqlSession cassandra() {
        if (cassandra == null) {
            cassandra = CassandraBaseline.open(endpoints.cassandra());
        }
        return cassandra;
    }

    void dropKeyspace(String keyspace) {
        cassandra().execute(SchemaBuilder.dropKeyspace(CqlIdentifier.fromInternal(keyspace)).ifExists().build()
                .setTimeout(Duration.ofSeconds(120)));
    }

    void dropKeyspacesStartingWith(String prefix) {
        for (var keyspace : cassandra().getMetadata().getKeyspaces().keySet()) {
            if (keyspace.asInternal().startsWith(prefix)) {
                dropKeyspace(keyspace.asInternal());
            }
        }
    }

    Written cassandraWritten(String keyspace, String table) {
        long rows = 0;
        long sum = 0;
        SimpleStatement counts = QueryBuilder.selectFrom(CqlIdentifier.fromInternal(keyspace), CqlIdentifier.fromInternal(table))
                .column("count").build().setPageSize(5000).setTimeout(Duration.ofSeconds(60));
        for (Row row : cassandra().execute(counts)) {
            rows++;
            sum += row.getLong(0);
        }
        return new Written(rows, sum, null);
    }

    // ---- Elasticsearch

    void deleteIndex(String index) {
        Http.delete(endpoints.elasticsearch() + "/" + index);
    }

    /** Deletes indices by name (Elasticsearch 8 refuses wildcards in deletes). */
    void deleteIndicesStartingWith(String prefix) {
        Http.get(endpoints.elasticsearch() + "/_cat/indices/" + prefix + "*?format=json&h=index").ifPresent(list -> {
            for (JsonNode index : list) {
                deleteIndex(index.path("index").asText());
            }
        });
    }

    /** Song counts: documents and the sum of their counts. */
    Written elasticWritten(String index) {
        JsonNode body = search(index, "{\"size\":0,\"track_total_hits\":true,\"aggs\":{\"sum\":{\"sum\":{\"field\":\"count\"}}}}");
        return new Written(body.path("hits").path("total").path("value").asLong(-1),
                Math.round(body.path("aggregations").path("sum").path("value").asDouble(-1)), null);
    }

    /** Plays: documents, and documents per radio (a terms aggregation over every radio). */
    Written elasticPlaysWritten(String index, int radios) {
        JsonNode body = search(index, "{\"size\":0,\"track_total_hits\":true,\"aggs\":{\"radios\":{\"terms\":"
                + "{\"field\":\"radio\",\"size\":" + (radios + 100) + "}}}}");
        Map<String, Long> perRadio = new TreeMap<>();
        for (JsonNode bucket : body.path("aggregations").path("radios").path("buckets")) {
            perRadio.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        return new Written(body.path("hits").path("total").path("value").asLong(-1), 0, perRadio);
    }

    /** A search after a refresh (the baselines do not refresh), so every acknowledged document counts. */
    private JsonNode search(String index, String query) {
        Http.post(endpoints.elasticsearch() + "/" + index + "/_refresh")
                .filter(r -> !r.has("error")).orElseThrow(() -> new IllegalStateException("refreshing " + index + " failed"));
        JsonNode body = Http.post(endpoints.elasticsearch() + "/" + index + "/_search", query)
                .orElseThrow(() -> new IllegalStateException("Elasticsearch did not answer"));
        if (body.has("error")) {
            throw new IllegalStateException("searching " + index + " failed: " + body.path("error"));
        }
        return body;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        if (cassandra != null) {
            cassandra.close();
        }
    }
}
