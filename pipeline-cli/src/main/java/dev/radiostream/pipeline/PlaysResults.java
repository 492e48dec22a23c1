package dev.radiostream.pipeline;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/** Plays per radio in Elasticsearch's radio-plays index (a terms aggregation), the plays mode's result. */
public final class PlaysResults {

    private PlaysResults() {
    }

    public static Map<String, Long> perRadio(Endpoints endpoints) {
        Map<String, Long> counts = new TreeMap<>();
        Http.post(endpoints.elasticsearch() + "/" + endpoints.playsIndex() + "/_search",
                "{\"size\":0,\"aggs\":{\"radios\":{\"terms\":{\"field\":\"radio\",\"size\":100}}}}").ifPresent(body -> {
            for (JsonNode bucket : body.path("aggregations").path("radios").path("buckets")) {
                counts.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
            }
        });
        return counts;
    }

    public static void print(Map<String, Long> perRadio, PrintStream out) {
        long total = perRadio.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder();
        perRadio.forEach((radio, count) -> line.append(String.format("%s %,d  ", radio, count)));
        out.printf("radio-plays in Elasticsearch: %,d documents (%s)%n", total, line.toString().trim());
    }
}
