package dev.radiostream.bench.baseline;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.querybuilder.QueryBuilder;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;

/**
 * Hand-written baseline of kafka-to-cassandra-service: {@link BatchConsumer} coalescing each batch into the
 * newest total per song ({@link NewestPerKey}) + the Java driver. Each batch's newest totals are upserted with one prepared INSERT per song,
 * grouped per partition into unlogged batches (as the foreach-writer sends them), asynchronously, with at most
 * {@code --max-in-flight} requests outstanding (a Semaphore); the batch is done when every write is
 * acknowledged (a failed write is retried, then fails the program). Same table layout and columns as the
 * service: ((radio), artist, title) -> count, updated_at.
 *
 * <pre>
 * java -cp ... dev.radiostream.bench.baseline.CassandraBaseline --bootstrap-servers H:P --topic T --group G
 *      --cassandra H:P --keyspace KS --table song_counts [--max-in-flight 256] [--max-batch-records 0] [--port 8090]
 * </pre>
 */
public final class CassandraBaseline {

    private static final int ATTEMPTS = 3;
    /** The foreach-writer's bounds (SongCountForeachWriter.PartitionBatch), written again: this module is built apart. */
    public static final int BATCH_ROWS = 64;
    public static final int BATCH_BYTES = 4 * 1024;

    private final CqlSession session;
    private final PreparedStatement upsert;
    private final int maxInFlight;

    CassandraBaseline(CqlSession session, String keyspace, String table, int maxInFlight) {
        this.session = session;
        this.maxInFlight = maxInFlight;
        CqlIdentifier keyspaceName = CqlIdentifier.fromInternal(keyspace);
        CqlIdentifier tableName = CqlIdentifier.fromInternal(table);
        session.execute(SchemaBuilder.createKeyspace(keyspaceName).ifNotExists().withSimpleStrategy(1).build());
        session.execute(SchemaBuilder.createTable(keyspaceName, tableName).ifNotExists()
                .withPartitionKey("radio", DataTypes.TEXT).withClusteringColumn("artist", DataTypes.TEXT)
                .withClusteringColumn("title", DataTypes.TEXT).withColumn("count", DataTypes.BIGINT)
                .withColumn("updated_at", DataTypes.TIMESTAMP).build());
        this.upsert = session.prepare(QueryBuilder.insertInto(keyspaceName, tableName)
                .value("radio", bindMarker()).value("artist", bindMarker()).value("title", bindMarker())
                .value("count", bindMarker()).value("updated_at", bindMarker())
                .usingTimestamp(bindMarker()).build()); // the total as the write time, as the services write
    }

    /**
     * Upserts every row, the rows of one partition (one radio) in unlogged batches sent at {@value #BATCH_ROWS}
     * rows or about {@value #BATCH_BYTES} bytes, as the foreach-writer sends them; returns when all are acknowledged.
     */
    void write(Collection<SongCount> rows) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Instant now = Instant.now();
        Map<String, PartitionBatch> open = new HashMap<>();
        for (SongCount row : rows) {
            if (failure.get() != null) {
                break;
            }
            PartitionBatch batch = open.computeIfAbsent(row.radio(), radio -> new PartitionBatch());
            batch.add(upsert.bind(row.radio(), row.artist(), row.title(), row.count(), now, row.count()), row);
            if (batch.full()) {
                inFlight.acquire();
                send(batch.statement(), inFlight, failure, new AtomicInteger(1));
                open.remove(row.radio());
            }
        }
        for (PartitionBatch batch : open.values()) {
            if (failure.get() == null) {
                inFlight.acquire();
                send(batch.statement(), inFlight, failure, new AtomicInteger(1));
            }
        }
        inFlight.acquire(maxInFlight); // every write has completed
        inFlight.release(maxInFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("writing to Cassandra failed: " + failure.get(), failure.get());
        }
    }

    /** One partition's rows, sent when the foreach-writer would send them (same bounds, same size estimate). */
    private static final class PartitionBatch {
        private final List<BatchableStatement<?>> rows = new ArrayList<>();
        private int bytes;

        void add(BoundStatement statement, SongCount row) {
            rows.add(statement);
            bytes += 3 * (row.radio().length() + row.artist().length() + row.title().length()) + 32;
        }

        boolean full() {
            return rows.size() >= BATCH_ROWS || bytes >= BATCH_BYTES;
        }

        BatchStatement statement() {
            return BatchStatement.newInstance(DefaultBatchType.UNLOGGED, rows).setIdempotent(true);
        }
    }

    private void send(BatchStatement statement, Semaphore inFlight, AtomicReference<Throwable> failure,
            AtomicInteger attempt) {
        session.executeAsync(statement).whenComplete((result, error) -> {
            if (error == null) {
                inFlight.release();
            } else if (attempt.incrementAndGet() <= ATTEMPTS) {
                send(statement, inFlight, failure, attempt);
            } else {
                failure.compareAndSet(null, error);
                inFlight.release();
            }
        });
    }

    public static CqlSession open(String contactPoints) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build();
        return CqlSession.builder()
                .addContactPoints(Arrays.stream(contactPoints.split(",")).map(String::trim).map(hp -> {
                    int colon = hp.lastIndexOf(':');
                    return new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
                }).toList())
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(config)
                .build();
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        try (CqlSession session = open(args.get("cassandra"))) {
            CassandraBaseline sink = new CassandraBaseline(session, args.get("keyspace"), args.get("table", "song_counts"),
                    args.integer("max-in-flight", 256));
            new BatchConsumer(args.get("bootstrap-servers"), args.get("group"), args.get("topic"),
                    args.number("max-batch-records", 0), new NewestPerKey(sink::write)).serve(args.integer("port", 8090));
        }
    }
}
