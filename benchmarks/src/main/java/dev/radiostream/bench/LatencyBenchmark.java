package dev.radiostream.bench;

import dev.radiostream.pipeline.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.querybuilder.QueryBuilder;
import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.bench.baseline.PlayEvent;

/**
 * End-to-end latency at a steady input rate: every record is a new song (unique key, count 1), or for the plays
 * contenders a new play (unique eventId, event time = send time), stamped with its Kafka timestamp (CreateTime,
 * set by the sender to the wall clock when it sends). A poller reads the
 * store every {@value #POLL_MILLIS} ms for the songs not seen yet (songs are grouped 100 to a radio, so one
 * single-partition query in Cassandra, or one terms query on radio in Elasticsearch, finds a group) and
 * notes the wall-clock time when each first shows up. Latency = seen − Kafka timestamp; Elasticsearch counts
 * a document as readable once a search finds it (after a refresh, every 1 s by default). Each contender runs
 * a warm-up window (not counted) and then the measured windows, while it runs alone.
 */
final class LatencyBenchmark {

    static final int POLL_MILLIS = 50;
    private static final int GROUP = 100;

    private final Stores stores;
    private final Launcher launcher;
    private final BenchConfig config;
    private final String stamp;

    LatencyBenchmark(Stores stores, Launcher launcher, BenchConfig config, String stamp) {
        this.stores = stores;
        this.launcher = launcher;
        this.config = config;
        this.stamp = stamp;
    }

    List<Results.Latency> run(SinkContender contender) throws Exception {
        SinkContender.Target target = contender.target("lat", stamp);
        String topic = "bench-latency-" + contender.id().replace('+', '-') + "-" + stamp;
        stores.dropKeyspace(target.keyspace());
        stores.deleteIndex(target.index());
        stores.deleteTopic(topic);
        stores.createTopic(topic, config.partitions);
        List<Results.Latency> results = new ArrayList<>();
        RunningContender process = contender.start(launcher, "bench-" + contender.id().replace('+', '-') + "-lat", topic, target);
        try (KafkaProducer<String, String> producer = producer()) {
            process.awaitReady(Duration.ofMinutes(5));
            Window warmup = new Window(contender, target, topic, "w0", config.latencyWarmupSeconds);
            warmup.run(producer, process);
            System.out.printf("  %-20s warm-up: p50 %d ms, p99 %d ms, %d missing%n", contender.id(),
                    warmup.result.p50Millis(), warmup.result.p99Millis(), warmup.result.missing());
            for (int w = 1; w <= config.latencyWindows; w++) {
                Window window = new Window(contender, target, topic, "w" + w, config.latencySeconds);
                window.run(producer, process);
                Results.Latency result = new Results.Latency(contender.id(), w, config.latencyRate,
                        config.latencySeconds, window.result.p50Millis(), window.result.p99Millis(),
                        window.result.maxMillis(), window.result.received(), window.result.missing(), process.stats());
                results.add(result);
                System.out.printf("  %-20s window %d: p50 %,d ms, p99 %,d ms, max %,d ms, %,d received, %d missing, RSS %,.0f MiB%n",
                        contender.id(), w, result.p50Millis(), result.p99Millis(), result.maxMillis(), result.received(),
                        result.missing(), result.cost().rssKib() / 1024.0);
            }
        } finally {
            process.close();
            stores.dropKeyspace(target.keyspace());
            stores.deleteIndex(target.index());
            stores.deleteTopic(topic);
        }
        return results;
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stores.endpoints().kafka());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** One paced window: sends rate × seconds new songs, follows them into the store. */
    private final class Window {
        private final SinkContender contender;
        private final SinkContender.Target target;
        private final String topic;
        private final String prefix;
        private final int count;
        private final long[] sentAt;
        private final long[] seenAt;
        private final int[] seenInGroup;
        private final AtomicInteger sent = new AtomicInteger();
        private volatile long sendingEndedMillis;
        private Results.Latency result;

        Window(SinkContender contender, SinkContender.Target target, String topic, String prefix, int seconds) {
            this.contender = contender;
            this.target = target;
            this.topic = topic;
            this.prefix = prefix;
            this.count = config.latencyRate * seconds;
            this.sentAt = new long[count];
            this.seenAt = new long[count];
            this.seenInGroup = new int[(count + GROUP - 1) / GROUP];
        }

        String radio(int group) {
            return "lat-" + prefix + "-" + group;
        }

        void run(KafkaProducer<String, String> producer, RunningContender process) throws Exception {
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    send(producer);
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "latency-sender");
            sender.start();
            Poller poller = contender.store() == SinkContender.Store.CASSANDRA ? new CassandraPoller() : new ElasticPoller();
            int seen = 0;
            long grace = 30_000;
            while (seen < count) {
                if (sendingEndedMillis > 0 && System.currentTimeMillis() > sendingEndedMillis + grace) {
                    break;
                }
                process.failIfDead();
                int groupsSent = (sent.get() + GROUP - 1) / GROUP;
                List<Integer> pending = new ArrayList<>();
                for (int g = 0; g < groupsSent; g++) {
                    int inGroup = Math.min(GROUP, count - g * GROUP);
                    if (seenInGroup[g] < inGroup) {
                        pending.add(g);
                    }
                }
                if (!pending.isEmpty()) {
                    seen += poller.poll(pending);
                }
                Thread.sleep(POLL_MILLIS);
            }
            sender.join();
            if (failure.get() != null) {
                throw failure.get();
            }
            long[] latencies = new long[seen];
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (seenAt[i] > 0) {
                    latencies[n++] = seenAt[i] - sentAt[i];
                }
            }
            long[] sorted = Stats.sorted(latencies);
            result = new Results.Latency(contender.id(), 0, config.latencyRate, 0, Stats.percentile(sorted, 50),
                    Stats.percentile(sorted, 99), sorted.length == 0 ? -1 : sorted[sorted.length - 1], seen,
                    count - seen, null);
        }

        private void send(KafkaProducer<String, String> producer) {
            long start = System.nanoTime();
            int i = 0;
            while (i < count) {
                long due = Math.min(count, (System.nanoTime() - start) * config.latencyRate / 1_000_000_000L + 1);
                while (i < due) {
                    int group = i / GROUP;
                    String radio = radio(group);
                    String title = "t" + i;
                    long now = System.currentTimeMillis();
                    sentAt[i] = now;
                    if (contender.input() == SinkContender.Input.PLAYS) {
                        producer.send(new ProducerRecord<>(topic, null, now, radio, new String(new PlayEvent(
                                "lat-" + prefix + "-" + i, radio, now, "latency", title).toJson(), StandardCharsets.UTF_8)));
                    } else {
                        producer.send(new ProducerRecord<>(topic, null, now, radio + "|latency|" + title,
                                "{\"radio\":\"" + radio + "\",\"artist\":\"latency\",\"title\":\"" + title + "\",\"count\":1}"));
                    }
                    i++;
                    sent.set(i);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            producer.flush();
            sendingEndedMillis = System.currentTimeMillis();
        }

        /** Marks a song seen; returns 1 when it is new. */
        private int mark(String title, long now) {
            if (title == null || !title.startsWith("t")) {
                return 0;
            }
            int i = Integer.parseInt(title.substring(1));
            if (i >= count || seenAt[i] != 0) {
                return 0;
            }
            seenAt[i] = now;
            seenInGroup[i / GROUP]++;
            return 1;
        }

        interface Poller {
            int poll(List<Integer> groups) throws Exception;
        }

        final class CassandraPoller implements Poller {
            private PreparedStatement select;

            @Override
            public int poll(List<Integer> groups) {
                if (select == null) {
                    try {
                        select = stores.cassandra().prepare(QueryBuilder.selectFrom(
                                CqlIdentifier.fromInternal(target.keyspace()), CqlIdentifier.fromInternal(target.table()))
                                .column("title").whereColumn("radio").isEqualTo(QueryBuilder.bindMarker()).build());
                    } catch (RuntimeException e) {
                        return 0; // the table does not exist yet
                    }
                }
                List<CompletableFuture<List<String>>> answers = new ArrayList<>();
                for (int group : groups) {
                    answers.add(readAll(stores.cassandra().executeAsync(select.bind(radio(group))), new ArrayList<>())
                            .toCompletableFuture());
                }
                int fresh = 0;
                for (CompletableFuture<List<String>> answer : answers) {
                    List<String> titles = answer.join();
                    long now = System.currentTimeMillis();
                    for (String title : titles) {
                        fresh += mark(title, now);
                    }
                }
                return fresh;
            }

            private CompletionStage<List<String>> readAll(CompletionStage<AsyncResultSet> page, List<String> into) {
                return page.thenCompose(rs -> {
                    for (Row row : rs.currentPage()) {
                        into.add(row.getString(0));
                    }
                    return rs.hasMorePages() ? readAll(rs.fetchNextPage(), into) : CompletableFuture.completedFuture(into);
                });
            }
        }

        final class ElasticPoller implements Poller {
            @Override
            public int poll(List<Integer> groups) {
                int fresh = 0;
                for (int from = 0; from < groups.size(); from += 100) {
                    List<Integer> some = groups.subList(from, Math.min(groups.size(), from + 100));
                    StringBuilder radios = new StringBuilder();
                    for (int group : some) {
                        radios.append(radios.isEmpty() ? "" : ",").append('"').append(radio(group)).append('"');
                    }
                    JsonNode body = Http.post(stores.endpoints().elasticsearch() + "/" + target.index() + "/_search",
                            "{\"size\":10000,\"_source\":[\"title\"],\"query\":{\"terms\":{\"radio\":[" + radios + "]}}}")
                            .orElse(null);
                    long now = System.currentTimeMillis();
                    if (body == null) {
                        continue;
                    }
                    for (JsonNode hit : body.path("hits").path("hits")) {
                        fresh += mark(hit.path("_source").path("title").asText(null), now);
                    }
                }
                return fresh;
            }
        }
    }
}
