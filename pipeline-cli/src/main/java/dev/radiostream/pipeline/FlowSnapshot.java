package dev.radiostream.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One look at the running pipeline, from the services' own /status and /q/health/ready endpoints and Kafka's
 * end offsets: files read, records in the topics, each consumer's lag.
 */
public record FlowSnapshot(Map<String, ServiceView> services, Map<String, Long> topicEnds) {

    /** What one service says about itself. */
    public record ServiceView(String name, boolean answering, boolean ready, String phase, String reason,
            long filesProcessed, long filesTotal, long nextOffsetsSum, long lag) {
    }

    public static FlowSnapshot take(List<ServiceSpec> specs, Endpoints endpoints, KafkaTopics kafka) {
        Map<String, Long> ends = new LinkedHashMap<>();
        for (String topic : List.of(endpoints.songCountsTopic(), endpoints.playsTopic())) {
            ends.put(topic, kafka.endOffsetSum(topic));
        }
        Map<String, ServiceView> views = new LinkedHashMap<>();
        for (ServiceSpec spec : specs) {
            Optional<JsonNode> status = PipelineServices.OFFSET_ADMIN.equals(spec.name()) ? Optional.empty()
                    : Http.get(spec.baseUrl() + "/status");
            Optional<JsonNode> health = Http.get(spec.baseUrl() + "/q/health/ready");
            boolean ready = health.map(h -> "UP".equals(h.path("status").asText())).orElse(false);
            String phase = status.map(s -> s.path("phase").asText("?")).orElse(health.isPresent() ? "UP" : "starting");
            String reason = status.map(s -> s.path("reason").asText(null)).orElse(null);
            long next = status.map(s -> sum(s.path("nextOffsets"))).orElse(-1L);
            long lag = -1;
            if (PipelineServices.isConsumer(spec.name()) && next >= 0) {
                lag = Math.max(0, ends.getOrDefault(PipelineServices.topicOf(spec.name(), endpoints), 0L) - next);
            }
            views.put(spec.name(), new ServiceView(spec.name(), health.isPresent(), ready, phase,
                    reason == null || reason.equals("null") ? null : reason,
                    status.map(s -> s.path("filesProcessed").asLong(-1)).orElse(-1L),
                    status.map(s -> s.path("filesTotal").asLong(-1)).orElse(-1L), next, lag));
        }
        return new FlowSnapshot(views, ends);
    }

    /** All data has flowed: every producer has read all its files, every consumer has no lag. */
    public boolean allFlowed() {
        for (ServiceView view : services.values()) {
            if (!view.ready()) {
                return false;
            }
            if (PipelineServices.isProducer(view.name())
                    && (view.filesTotal() <= 0 || view.filesProcessed() < view.filesTotal())) {
                return false;
            }
            if (PipelineServices.isConsumer(view.name()) && view.lag() != 0) {
                return false;
            }
        }
        return true;
    }

    /** One line for a terminal: files, records, lag per consumer, and who is not ready. */
    public String line() {
        StringBuilder line = new StringBuilder();
        for (ServiceView view : services.values()) {
            if (PipelineServices.isProducer(view.name()) && view.filesTotal() > 0) {
                line.append(String.format("%s %d/%d files  ", short_(view.name()), view.filesProcessed(), view.filesTotal()));
            }
        }
        topicEnds.forEach((topic, end) -> line.append(String.format("%s: %,d records  ", topic, end)));
        line.append("lag");
        for (ServiceView view : services.values()) {
            if (PipelineServices.isConsumer(view.name())) {
                line.append(String.format(" %s=%s", short_(view.name()),
                        !view.answering() ? "…" : view.lag() < 0 ? "?" : String.format("%,d", view.lag())));
            }
        }
        for (ServiceView view : services.values()) {
            if (view.answering() && !view.ready()) {
                line.append("  [").append(short_(view.name())).append(" not ready: ")
                        .append(view.reason() == null ? view.phase() : view.reason()).append(']');
            }
        }
        return line.toString();
    }

    private static String short_(String name) {
        return name.replace("kafka-to-cassandra-", "cassandra/").replace("kafka-to-elastic-", "elastic/")
                .replace("producer-", "producer/").replace("foreach-writer", "foreach");
    }

    private static long sum(JsonNode offsets) {
        if (offsets == null || !offsets.isObject()) {
            return -1;
        }
        long total = 0;
        for (JsonNode value : (Iterable<JsonNode>) offsets::elements) {
            total += value.asLong();
        }
        return total;
    }
}
