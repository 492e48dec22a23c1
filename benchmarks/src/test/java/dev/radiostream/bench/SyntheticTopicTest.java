package dev.radiostream.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.bench.baseline.PlayEvent;
import dev.radiostream.pipeline.Http;

class SyntheticTopicTest {

    private static final long NOW = 1_780_000_000_000L;

    @Test
    void songCountsAppendedLaterContinueTheTotals() throws Exception {
        SyntheticTopic.Generator songs = new SyntheticTopic.SongCounts(50);
        SyntheticTopic.Cursor whole = songs.cursor(0, 2000, NOW);
        for (int i = 0; i < 1000; i++) {
            whole.next();
        }
        SyntheticTopic.Cursor appended = songs.cursor(1000, 1000, NOW);
        Map<String, Long> newest = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            byte[][] expected = whole.next();
            byte[][] actual = appended.next();
            assertArrayEquals(expected[0], actual[0]);
            assertArrayEquals(expected[1], actual[1]);
        }
        // Newest total per song over all 2,000 records adds up to 2,000.
        SyntheticTopic.Cursor all = songs.cursor(0, 2000, NOW);
        for (int i = 0; i < 2000; i++) {
            byte[][] record = all.next();
            newest.put(new String(record[0], UTF_8), Http.JSON.readTree(record[1]).path("count").asLong());
        }
        assertEquals(2000, newest.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(newest.size(), songs.expected(2000).rows());
        assertTrue(songs.expected(2000).check(new Stores.Written(newest.size(), 2000, null)).ok());
    }

    @Test
    void playsAreTheProducersJsonWithUniqueIdsAndRecentTimestamps() throws Exception {
        SyntheticTopic.Generator plays = new SyntheticTopic.Plays();
        SyntheticTopic.Cursor cursor = plays.cursor(0, 10_000, NOW);
        Set<String> ids = new HashSet<>();
        Map<String, Long> perRadio = new TreeMap<>();
        for (int i = 0; i < 10_000; i++) {
            byte[][] record = cursor.next();
            JsonNode json = Http.JSON.readTree(record[1]);
            assertEquals(java.util.List.of("eventId", "radio", "timestamp", "artist", "title"),
                    iterable(json.fieldNames()));
            PlayEvent play = PlayEvent.parseValid(record[1], NOW, PlayEvent.DEFAULT_MAX_FUTURE_SKEW_MILLIS);
            assertNotNull(play);
            assertEquals(play.radio(), new String(record[0], UTF_8));
            assertTrue(play.eventId().matches("[0-9a-f]{32}"), play.eventId());
            assertTrue(ids.add(play.eventId()));
            assertTrue(play.timestamp() >= NOW - 86_400_000L && play.timestamp() < NOW, "timestamp " + play.timestamp());
            perRadio.merge(play.radio(), 1L, Long::sum);
        }
        SyntheticTopic.Expected expected = plays.expected(10_000);
        assertEquals(perRadio, expected.perRadio());
        assertTrue(expected.check(new Stores.Written(10_000, 0, perRadio)).ok());
        // The appended plays have other ids.
        SyntheticTopic.Cursor appended = plays.cursor(10_000, 10_000, NOW);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(Http.JSON.readTree(appended.next()[1]).path("eventId").asText()));
        }
    }

    @Test
    void checksNameWhatIsWrong() {
        SyntheticTopic.Expected plays = new SyntheticTopic.Expected(30, 0, Map.of("radio-1", 10L, "radio-2", 20L));
        SyntheticTopic.Check ok = plays.check(new Stores.Written(30, 0, Map.of("radio-1", 10L, "radio-2", 20L)));
        assertEquals(new SyntheticTopic.Check(true, "30 docs, 2 radios' counts match"), ok);
        SyntheticTopic.Check short1 = plays.check(new Stores.Written(29, 0, Map.of("radio-1", 10L, "radio-2", 19L)));
        assertFalse(short1.ok());
        assertEquals("29 docs (expected 30), 1 radio(s) off: radio-2 19 ≠ 20", short1.text());
        SyntheticTopic.Expected songs = new SyntheticTopic.Expected(100, 4000, null);
        assertEquals(new SyntheticTopic.Check(true, "100 rows, sum 4,000"), songs.check(new Stores.Written(100, 4000, null)));
        assertEquals(new SyntheticTopic.Check(false, "100 rows, sum 3,999 (expected 100 rows, sum 4,000)"),
                songs.check(new Stores.Written(100, 3999, null)));
    }

    @Test
    void eventIdsNeverRepeat() {
        Set<String> ids = new HashSet<>();
        for (long i = 0; i < 100_000; i++) {
            assertTrue(ids.add(SyntheticTopic.Plays.eventId(i)));
        }
    }

    @Test
    void runTopicsAreNeverBaseTopics() {
        String base = new SyntheticTopic.Plays().name(2_000_000, 3);
        assertEquals("bench-plays-2000000-p3", base);
        String run = DrainBenchmark.runTopic(base, "elastic-plays-service", 2);
        assertEquals("bench-plays-2000000-p3-elastic-plays-service-r2", run);
        assertTrue(DrainBenchmark.isRunTopic(run));
        assertTrue(DrainBenchmark.isRunTopic(DrainBenchmark.runTopic("bench-song-counts-200000-100000-p3", "cassandra-connector+x", 1)));
        assertFalse(DrainBenchmark.isRunTopic(base));
        assertFalse(DrainBenchmark.isRunTopic("bench-song-counts-200000-100000-p3"));
    }

    @Test
    void offsetsReachedOnlyWhenEveryPartitionIsAtItsEnd() throws Exception {
        Map<Integer, Long> ends = Map.of(0, 10L, 1, 20L);
        assertTrue(DrainBenchmark.reached(Http.JSON.readTree("{\"0\":10,\"1\":21}"), ends));
        assertFalse(DrainBenchmark.reached(Http.JSON.readTree("{\"0\":10,\"1\":19}"), ends));
        assertFalse(DrainBenchmark.reached(Http.JSON.readTree("{\"0\":10}"), ends));
        assertFalse(DrainBenchmark.reached(Http.JSON.missingNode(), ends));
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> names) {
        java.util.List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
