package dev.radiostream.toelastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.radiostream.spark.records.JsonValueParser;
import dev.radiostream.spark.records.Schemas;

/** The Elasticsearch consumers' rules, with the meaning the Spark expressions they replaced had. */
class DocumentRulesTest {

    private static final String ID_TOO_LONG = "eventId longer than 512 bytes (Elasticsearch's limit for a document id)";
    private static final String SONG_ID_TOO_LONG = "radio|artist|title longer than 512 bytes (Elasticsearch's limit for a document id)";

    private final JsonValueParser plays = new JsonValueParser(Schemas.PLAY_EVENT, 100_000, PlayDocuments.rules(Duration.ofHours(24)));
    private final JsonValueParser songs = new JsonValueParser(Schemas.SONG_COUNT, 100_000, SongCountDocuments.rules());

    private String play(String eventId, long timestamp) {
        String json = "{\"eventId\":\"" + eventId + "\",\"radio\":\"r\",\"artist\":\"a\",\"title\":\"t\",\"timestamp\":" + timestamp + "}";
        return plays.read(json.getBytes(StandardCharsets.UTF_8), new Object[plays.fieldCount()]);
    }

    private String song(String radio, String artist, String title, long count) {
        String json = "{\"radio\":\"" + radio + "\",\"artist\":\"" + artist + "\",\"title\":\"" + title + "\",\"count\":" + count + "}";
        return songs.read(json.getBytes(StandardCharsets.UTF_8), new Object[songs.fieldCount()]);
    }

    @Test
    void blankMeansEmptyOrSpacesOnlyAsSparksTrimSawIt() {
        long now = System.currentTimeMillis();
        assertEquals("blank eventId", play("", now));
        assertEquals("blank eventId", play("   ", now));
        assertNull(play("\\t", now), "a tab is not trimmed by Spark's trim");
        assertNull(play("\u00a0", now), "nor is a no-break space");
        assertNull(play(" e1 ", now));
    }

    @Test
    void anIdIsLimitedTo512Utf8Bytes() {
        long now = System.currentTimeMillis();
        assertNull(play("x".repeat(512), now));
        assertEquals(ID_TOO_LONG, play("x".repeat(513), now));
        assertEquals(ID_TOO_LONG, play("é".repeat(257), now), "257 two-byte characters are 514 bytes");
        // radio|artist|title: the two separators count.
        assertNull(song("r".repeat(170), "a".repeat(170), "t".repeat(170), 1));
        assertEquals(SONG_ID_TOO_LONG, song("r".repeat(170), "a".repeat(170), "t".repeat(171), 1));
    }

    @Test
    void timestampsAndCountsAreChecked() {
        long now = System.currentTimeMillis();
        assertEquals("negative timestamp", play("e1", -1));
        assertNull(play("e1", now + Duration.ofHours(23).toMillis()));
        assertEquals("timestamp more than PT24H in the future", play("e1", now + Duration.ofHours(25).toMillis()));
        assertEquals("negative count", song("r", "a", "t", -1));
        assertNull(song("r", "a", "t", 0));
    }
}
