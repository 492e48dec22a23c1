package dev.radiostream.bench.baseline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NewestPerKeyTest {

    @Test
    void writesTheNewestTotalPerSongOncePerBatch() throws Exception {
        List<List<SongCount>> written = new ArrayList<>();
        NewestPerKey batch = new NewestPerKey(rows -> written.add(new ArrayList<>(rows)));
        assertTrue(batch.add(json("a", 1)));
        assertTrue(batch.add(json("b", 1)));
        assertTrue(batch.add(json("a", 2)));
        assertFalse(batch.add("nope".getBytes(UTF_8)));
        assertEquals(2, batch.finish());
        assertEquals(List.of(new SongCount("r", "x", "a", 2L), new SongCount("r", "x", "b", 1L)), written.get(0));
        assertTrue(batch.buffered().isEmpty());
        assertTrue(batch.add(json("a", 3)));
        assertEquals(1, batch.finish());
        assertEquals(List.of(new SongCount("r", "x", "a", 3L)), written.get(1));
        assertTrue(batch.add(json("a", 5)));
        assertTrue(batch.add(json("a", 4))); // an older total read later (another partition): not the newest
        batch.finish();
        assertEquals(List.of(new SongCount("r", "x", "a", 5L)), written.get(2));
    }

    private static byte[] json(String title, long count) {
        return new SongCount("r", "x", title, count).toJson();
    }
}
