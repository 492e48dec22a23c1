package dev.radiostream.tocassandra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.spark.consumer.ExecutorSessions;
import dev.radiostream.spark.consumer.RecordWriter;

/**
 * The foreach-writer sink style: a ForeachWriter on the Java driver with prepared statements.
 * <p>
 * Per partition task it keeps, while Spark feeds it rows, only the highest total of each song (totals only grow:
 * the highest is the newest); when the task's rows are all seen it writes them, each with its total as its
 * write time (so Cassandra keeps the highest total even when another task writes the same song: see
 * {@link SongCountTable}),
 * asynchronously with bounded concurrency and waits for every write, so a batch counts as done only once its
 * rows are in Cassandra. Sessions are shared per executor JVM ({@link ExecutorSessions}).
 */
final class SongCountForeachWriter extends RecordWriter {

    private record Song(String radio, String artist, String title) {
    }

    /** The highest total seen for a song. */
    private static final class Highest {
        long count;

        Highest(long count) {
            this.count = count;
        }
    }

    private final CassandraEndpoint endpoint;
    private final String table;
    private final int maxInFlight;

    private final int radio;
    private final int artist;
    private final int title;
    private final int count;
    private transient Map<Song, Highest> highestPerSong;

    SongCountForeachWriter(Input input, CassandraEndpoint endpoint, String table, int maxInFlight) {
        super(input);
        this.endpoint = endpoint;
        this.table = table;
        this.maxInFlight = maxInFlight;
        this.radio = fieldIndex("radio");
        this.artist = fieldIndex("artist");
        this.title = fieldIndex("title");
        this.count = fieldIndex("count");
    }

    @Override
    protected void begin() {
        highestPerSong = new HashMap<>();
    }

    @Override
    protected void accept(Object[] fields) {
        long total = (Long) fields[count];
        Highest kept = highestPerSong.putIfAbsent(new Song((String) fields[radio], (String) fields[artist], (String) fields[title]),
                new Highest(total));
        if (kept != null && total > kept.count) {
            kept.count = total;
        }
    }

    @Override
    protected void flush() {
        if (highestPerSong.isEmpty()) {
            return;
        }
        CqlSession session = ExecutorSessions.session(endpoint);
        PreparedStatement upsert = ExecutorSessions.prepared(endpoint, SongCountTable.upsert(endpoint.keyspace(), table));
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<?>> writes = new ArrayList<>(highestPerSong.size());
        Instant now = Instant.now();
        for (Map.Entry<Song, Highest> entry : highestPerSong.entrySet()) {
            inFlight.acquireUninterruptibly();
            if (failure.get() != null) {
                break;
            }
            Song song = entry.getKey();
            long total = entry.getValue().count;
            writes.add(session.executeAsync(upsert.bind(song.radio(), song.artist(), song.title(), total, now, total))
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
