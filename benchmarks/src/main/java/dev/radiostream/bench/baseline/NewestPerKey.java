package dev.radiostream.bench.baseline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The song-counts baselines' batch: it coalesces the records into the newest total per song (the highest: a
 * total only grows), as the services' micro-batches do, and writes those rows when the batch ends.
 */
final class NewestPerKey implements BatchConsumer.Batch {

    private final Map<String, SongCount> newest = new LinkedHashMap<>();
    private final BatchConsumer.BatchWriter<SongCount> writer;

    NewestPerKey(BatchConsumer.BatchWriter<SongCount> writer) {
        this.writer = writer;
    }

    @Override
    public boolean add(byte[] value) {
        SongCount count = SongCount.parseValid(value);
        if (count == null) {
            return false;
        }
        newest.merge(count.key(), count, (kept, next) -> next.count() > kept.count() ? next : kept);
        return true;
    }

    @Override
    public long finish() throws Exception {
        writer.write(newest.values());
        long rows = newest.size();
        newest.clear();
        return rows;
    }

    /** The rows the next finish() writes (for tests). */
    Map<String, SongCount> buffered() {
        return newest;
    }
}
