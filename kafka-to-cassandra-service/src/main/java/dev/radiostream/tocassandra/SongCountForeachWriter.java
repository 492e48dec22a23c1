package dev.radiostream.tocassandra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.spark.sql.Row;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.spark.consumer.ExecutorSessions;
import dev.radiostream.spark.consumer.RecordWriter;
import dev.radiostream.spark.consumer.ExecutorDeadLetters;

/**
 * The foreach-writer sink style: a ForeachWriter on the Java driver with prepared statements.
 * <p>
 * Per partition task it keeps, while Spark feeds it rows, only the newest total of each song (the highest
 * offset: a key lives in one Kafka partition, so in one task); when the task's rows are all seen it writes them
 * asynchronously with bounded concurrency and waits for every write, so a batch counts as done only once its
 * rows are in Cassandra. Sessions are shared per executor JVM ({@link ExecutorSessions}).
 */
final class SongCountForeachWriter extends RecordWriter {

    private record Song(String radio, String artist, String title) {
    }

    /** The newest total seen for a song, and the offset it came from. */
    private static final class Newest {
        long count;
        long offset;

        Newest(long count, long offset) {
            this.count = count;
            this.offset = offset;
        }
    }

    private final CassandraEndpoint endpoint;
    private final String table;
    private final int maxInFlight;

    private transient Map<Song, Newest> newestPerSong;
    private transient int radio;
    private transient int artist;
    private transient int title;
    private transient int count;
    private transient int offset;

    SongCountForeachWriter(ExecutorDeadLetters deadLetters, CassandraEndpoint endpoint, String table, int maxInFlight) {
        super(deadLetters);
        this.endpoint = endpoint;
        this.table = table;
        this.maxInFlight = maxInFlight;
    }

    @Override
    protected void begin() {
        newestPerSong = new HashMap<>();
    }

    @Override
    protected void locateFields(Row first) {
        radio = first.fieldIndex("radio");
        artist = first.fieldIndex("artist");
        title = first.fieldIndex("title");
        count = first.fieldIndex("count");
        offset = first.fieldIndex("offset");
    }

    @Override
    protected void accept(Row row) {
        long rowOffset = row.getLong(offset);
        long rowCount = row.getLong(count);
        Newest kept = newestPerSong.putIfAbsent(new Song(row.getString(radio), row.getString(artist), row.getString(title)),
                new Newest(rowCount, rowOffset));
        if (kept != null && rowOffset > kept.offset) {
            kept.count = rowCount;
            kept.offset = rowOffset;
        }
    }

    @Override
    protected void flush() {
        if (newestPerSong.isEmpty()) {
            return;
        }
        CqlSession session = ExecutorSessions.session(endpoint);
        PreparedStatement upsert = ExecutorSessions.prepared(endpoint, SongCountTable.upsert(endpoint.keyspace(), table));
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<?>> writes = new ArrayList<>(newestPerSong.size());
        Instant now = Instant.now();
        for (Map.Entry<Song, Newest> entry : newestPerSong.entrySet()) {
            inFlight.acquireUninterruptibly();
            if (failure.get() != null) {
                break;
            }
            Song song = entry.getKey();
            writes.add(session.executeAsync(upsert.bind(song.radio(), song.artist(), song.title(), entry.getValue().count, now))
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
