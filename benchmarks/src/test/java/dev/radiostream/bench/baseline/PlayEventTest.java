package dev.radiostream.bench.baseline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The plays baseline accepts and rejects the same records as kafka-to-elastic-service's plays mode. */
class PlayEventTest {

    private static final long NOW = 1_780_000_000_000L;
    private static final long SKEW = PlayEvent.DEFAULT_MAX_FUTURE_SKEW_MILLIS;

    private static PlayEvent parse(String json) {
        return PlayEvent.parseValid(json.getBytes(UTF_8), NOW, SKEW);
    }

    @Test
    void readsAndWritesTheProducersJson() {
        String json = "{\"eventId\":\"abc\",\"radio\":\"nova\",\"timestamp\":1700000000000,\"artist\":\"A\",\"title\":\"T\"}";
        PlayEvent play = parse(json);
        assertEquals(new PlayEvent("abc", "nova", 1_700_000_000_000L, "A", "T"), play);
        assertEquals(json, new String(play.toJson(), UTF_8));
    }

    @Test
    void rejectsWhatTheServiceDeadLetters() {
        String[] bad = {"not json", "[1]", "{\"eventId\":\"a\",\"radio\":\"r\",\"timestamp\":1,\"artist\":\"A\"}",
                "{\"eventId\":\"  \",\"radio\":\"r\",\"timestamp\":1,\"artist\":\"A\",\"title\":\"T\"}",
                "{\"eventId\":\"" + "x".repeat(513) + "\",\"radio\":\"r\",\"timestamp\":1,\"artist\":\"A\",\"title\":\"T\"}",
                "{\"eventId\":\"a\",\"radio\":\"r\",\"timestamp\":-1,\"artist\":\"A\",\"title\":\"T\"}",
                "{\"eventId\":\"a\",\"radio\":\"r\",\"timestamp\":" + (NOW + SKEW + 1) + ",\"artist\":\"A\",\"title\":\"T\"}",
                "{\"eventId\":\"a\",\"radio\":\"r\",\"timestamp\":\"12\",\"artist\":\"A\",\"title\":\"T\"}",
                "{\"eventId\":\"a\",\"radio\":\"r\",\"timestamp\":1.5,\"artist\":\"A\",\"title\":\"T\"}"};
        for (String json : bad) {
            assertNull(parse(json), json);
        }
        assertNull(PlayEvent.parseValid(null, NOW, SKEW));
    }
}
