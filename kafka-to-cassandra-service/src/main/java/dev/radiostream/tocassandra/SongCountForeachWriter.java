package dev.radiostream.tocassandra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import dev.radiostream.core.cassandra.BoundedWrites;
import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.spark.consumer.ExecutorSessions;
import dev.radiostream.spark.consumer.RecordWriter;

/**
 * The foreach-writer sink style: a ForeachWriter on the Java driver with prepared statements.
 * <p>
 * Per partition task it keeps, while Spark feeds it rows, only the highest total of each song (totals only grow:
 * the highest is the newest); when the task's rows are all seen it writes them, each with its total as its
 * write time (so Cassandra keeps the highest total even when another task writes the same song: see
 * {@link SongCountTable}), in unlogged batches of one partition's rows ({@link PartitionBatch}),
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
        PreparedStatement upsert = ExecutorSessions.prepared(endpoint, SongCountTable.upsert(endpoint.keyspace(), table));
        BoundedWrites writes = new BoundedWrites(ExecutorSessions.session(endpoint), maxInFlight);
        Instant now = Instant.now();
        // Rows of one radio (one Cassandra partition) go together, as the connector groups them: see PartitionBatch.
        Map<String, PartitionBatch> open = new HashMap<>();
        for (Map.Entry<Song, Highest> entry : highestPerSong.entrySet()) {
            Song song = entry.getKey();
            long total = entry.getValue().count;
            PartitionBatch batch = open.computeIfAbsent(song.radio(), radio -> new PartitionBatch());
            batch.add(upsert.bind(song.radio(), song.artist(), song.title(), total, now, total), song);
            if (batch.full()) {
                if (!writes.send(batch.statement())) {
                    break; // a write failed: awaitAll throws it
                }
                open.remove(song.radio());
            }
        }
        for (PartitionBatch batch : open.values()) {
            if (!writes.send(batch.statement())) {
                break;
            }
        }
        writes.awaitAll("writing to " + table);
    }

    /**
     * Rows of one partition (one radio) sent as one unlogged batch, sent when it holds 64 rows or about 4 KiB
     * (estimated from the text): Cassandra applies it as a single mutation of that partition, one request instead
     * of one per row (alternating A/B in BENCHMARKS.md: 29-53 % more records per second, 16-31 % less CPU per
     * record). A single-partition batch is exempt from Cassandra's batch size warning (CASSANDRA-10876); the bounds
     * keep a request small all the same.
     */
    private static final class PartitionBatch {
        static final int MAX_ROWS = 64;
        static final int MAX_BYTES = 4 * 1024;
        private final List<BatchableStatement<?>> rows = new ArrayList<>();
        private int bytes;

        void add(BoundStatement row, Song song) {
            rows.add(row);
            // An estimate: text is at most 3 bytes per char in UTF-8, plus about 32 for the numbers; a single-partition
            // batch has no hard size limit, so an estimate is enough.
            bytes += 3 * (song.radio().length() + song.artist().length() + song.title().length()) + 32;
        }

        boolean full() {
            return rows.size() >= MAX_ROWS || bytes >= MAX_BYTES;
        }

        BatchStatement statement() {
            // An upsert with its own write time: safe to retry, and a batch does not inherit that from its rows.
            return BatchStatement.newInstance(DefaultBatchType.UNLOGGED, rows).setIdempotent(true);
        }
    }
}
