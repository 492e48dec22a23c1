package dev.radiostream.tocassandra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import dev.radiostream.common.cassandra.CassandraEndpoint;
import dev.radiostream.common.offsets.RejectedRecord;
import dev.radiostream.common.offsets.RejectedRecordStore;
import dev.radiostream.common.spark.KafkaRecords;

/**
 * The foreach-writer sink style: a {@link ForeachWriter} on the Java driver with prepared statements.
 * <p>
 * Per partition task it keeps, while Spark feeds it rows, only the newest total of each song (the highest
 * offset: a key lives in one Kafka partition, so in one task) and the rejected records; on close it writes
 * them asynchronously with bounded concurrency and waits for every write, so a batch counts as done only
 * once its rows are in Cassandra. Sessions are opened once per executor JVM and shared by its tasks:
 * opening a session per task would repeat a full connection handshake every micro-batch.
 */
final class SongCountForeachWriter extends ForeachWriter<Row> {

    /** The executor JVM's session per endpoint, with what was prepared on it. The driver reconnects by itself. */
    private static final Map<CassandraEndpoint, ExecutorSession> SESSIONS = new ConcurrentHashMap<>();

    private record ExecutorSession(CqlSession session, Map<String, PreparedStatement> prepared,
            RejectedRecordStore deadLetters) {
    }

    private final CassandraEndpoint endpoint;
    private final String table;
    private final String consumer;
    private final int maxInFlight;
    private final LongAccumulator rejectedCount;

    private transient Map<String, Row> newestPerSong;
    private transient List<RejectedRecord> rejected;

    SongCountForeachWriter(CassandraEndpoint endpoint, String table, String consumer, int maxInFlight,
            LongAccumulator rejectedCount) {
        this.endpoint = endpoint;
        this.table = table;
        this.consumer = consumer;
        this.maxInFlight = maxInFlight;
        this.rejectedCount = rejectedCount;
    }

    @Override
    public boolean open(long partitionId, long epochId) {
        newestPerSong = new HashMap<>();
        rejected = new ArrayList<>();
        return true;
    }

    @Override
    public void process(Row row) {
        String reason = row.getAs(KafkaRecords.REJECT_REASON);
        if (reason != null) {
            rejected.add(new RejectedRecord(row.getAs("topic"), row.<Integer>getAs("partition"), row.<Long>getAs("offset"),
                    row.getAs(KafkaRecords.RAW_VALUE), reason));
            return;
        }
        String key = row.getAs("radio") + "\u0000" + row.getAs("artist") + "\u0000" + row.getAs("title");
        newestPerSong.merge(key, row, (kept, candidate) ->
                candidate.<Long>getAs("offset") > kept.<Long>getAs("offset") ? candidate : kept);
    }

    @Override
    public void close(Throwable error) {
        if (error != null) {
            return; // the task fails and is retried; nothing of it was written
        }
        ExecutorSession executor = SESSIONS.computeIfAbsent(endpoint, e -> {
            CqlSession session = e.openSession();
            return new ExecutorSession(session, new ConcurrentHashMap<>(), new RejectedRecordStore(session, e.keyspace()));
        });
        if (!rejected.isEmpty()) {
            executor.deadLetters().store(consumer, rejected);
            rejectedCount.add(rejected.size());
        }
        String cql = SongCountTable.upsertCql(endpoint.keyspace(), table);
        writeAll(executor.session(), executor.prepared().computeIfAbsent(cql, executor.session()::prepare));
    }

    private void writeAll(CqlSession session, PreparedStatement upsert) {
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<?>> writes = new ArrayList<>(newestPerSong.size());
        Instant now = Instant.now();
        for (Row row : newestPerSong.values()) {
            inFlight.acquireUninterruptibly();
            if (failure.get() != null) {
                break;
            }
            writes.add(session.executeAsync(upsert.bind(row.getAs("radio"), row.getAs("artist"), row.getAs("title"),
                            row.<Long>getAs("count"), now))
                    .whenComplete((result, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                        inFlight.release();
                    }).toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (failure.get() != null) {
            throw new IllegalStateException("writing to " + table + " failed: " + failure.get().getMessage(), failure.get());
        }
    }
}
