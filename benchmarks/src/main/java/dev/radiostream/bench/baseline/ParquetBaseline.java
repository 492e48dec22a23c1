package dev.radiostream.bench.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Hand-written baseline of producer-service (song-counts mode, all artists): parquet-java reads the same
 * partitioned data set (radio taken from the radio=... directory, as Spark's partition discovery does;
 * only the artist and title columns are read), {@code --files-per-batch} files at a time, in parallel on
 * {@code --threads} threads; after each batch the running total of every song that changed in it is sent
 * with kafka-clients (key radio|artist|title, value {"radio","artist","title","count"}: the service's
 * update-mode output), and the batch is done when the producer has flushed.
 *
 * <pre>
 * java -cp ... dev.radiostream.bench.baseline.ParquetBaseline --source DIR --bootstrap-servers H:P --topic T
 *      [--files-per-batch 500] [--threads N] [--partitions 3] [--port 8092]
 * </pre>
 */
public final class ParquetBaseline {

    /** A song; null parts are kept (Spark groups nulls too) and left out of key and value as Spark does. */
    record Song(String radio, String artist, String title) {
        String key() {
            return Stream.of(radio, artist, title).filter(p -> p != null).collect(Collectors.joining("|"));
        }
    }

    private static final String PROJECTION =
            "message spark_schema { optional binary artist (UTF8); optional binary title (UTF8); }";

    private final List<Path> files;
    private final int filesPerBatch;
    private final ExecutorService readers;
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Map<Song, long[]> totals = new HashMap<>();
    private final AtomicLong inputRows = new AtomicLong();
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong filesProcessed = new AtomicLong();
    private volatile String phase = "STARTING";
    private volatile boolean stopping;

    ParquetBaseline(List<Path> files, int filesPerBatch, int threads, KafkaProducer<String, byte[]> producer, String topic) {
        this.files = files;
        this.filesPerBatch = filesPerBatch;
        this.readers = Executors.newFixedThreadPool(threads);
        this.producer = producer;
        this.topic = topic;
    }

    void run() throws Exception {
        phase = "RUNNING";
        try {
            for (int from = 0; from < files.size() && !stopping; from += filesPerBatch) {
                List<Path> batch = files.subList(from, Math.min(files.size(), from + filesPerBatch));
                List<Future<Map<Song, long[]>>> counted = new ArrayList<>();
                for (Path file : batch) {
                    counted.add(readers.submit(() -> count(file)));
                }
                Set<Song> changed = new LinkedHashSet<>();
                for (Future<Map<Song, long[]>> result : counted) {
                    result.get().forEach((song, plays) -> {
                        totals.computeIfAbsent(song, s -> new long[1])[0] += plays[0];
                        changed.add(song);
                    });
                }
                for (Song song : changed) {
                    SongCount value = new SongCount(song.radio(), song.artist(), song.title(), totals.get(song)[0]);
                    producer.send(new ProducerRecord<>(topic, song.key(), value.toJson()));
                }
                producer.flush();
                recordsSent.addAndGet(changed.size());
                filesProcessed.addAndGet(batch.size());
            }
            // Like the service, it then waits for new files; the harness stops it.
            while (!stopping) {
                Thread.sleep(200);
            }
        } finally {
            readers.shutdownNow();
            producer.close();
        }
    }

    /** Plays per song in one file. */
    private Map<Song, long[]> count(Path file) throws IOException {
        String radio = partitionValue(file, "radio");
        Configuration conf = new Configuration(false);
        conf.set(ReadSupport.PARQUET_READ_SCHEMA, PROJECTION);
        Map<Song, long[]> counts = new HashMap<>();
        long rows = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(conf).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                Song song = new Song(radio, text(row, "artist"), text(row, "title"));
                counts.computeIfAbsent(song, s -> new long[1])[0]++;
                rows++;
            }
        }
        inputRows.addAndGet(rows);
        return counts;
    }

    private static String text(Group row, String field) {
        return row.getFieldRepetitionCount(field) == 0 ? null : row.getString(field, 0);
    }

    private static String partitionValue(Path file, String column) {
        for (Path part : file) {
            String name = part.toString();
            if (name.startsWith(column + "=")) {
                return name.substring(column.length() + 1);
            }
        }
        return null;
    }

    static List<Path> parquetFiles(Path source) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", phase);
        status.put("filesTotal", (long) files.size());
        status.put("filesProcessed", filesProcessed.get());
        status.put("totalInputRows", inputRows.get());
        status.put("recordsSent", recordsSent.get());
        return status;
    }

    void stop() {
        stopping = true;
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String bootstrap = args.get("bootstrap-servers");
        String topic = args.get("topic");
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, args.integer("partitions", 3), (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // acks=all and idempotence stay at kafka-clients' defaults (as Spark's Kafka sink); batches are made larger.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        ParquetBaseline baseline = new ParquetBaseline(parquetFiles(Path.of(args.get("source"))),
                args.integer("files-per-batch", 500),
                args.integer("threads", Runtime.getRuntime().availableProcessors()), producer, topic);
        BaselineRunner.run(baseline::run, baseline::stop, baseline::status, args.integer("port", 8092));
    }
}
