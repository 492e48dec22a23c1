package dev.radiostream.bench.baseline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The baselines accept and reject the same records as the services do. */
class SongCountTest {

    @Test
    void readsAValidRecord() {
        SongCount count = SongCount.parseValid("{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":3}".getBytes(UTF_8));
        assertEquals(new SongCount("nova", "A", "T", 3L), count);
        assertEquals("nova|A|T", count.key());
    }

    @Test
    void rejectsWhatTheServicesDeadLetter() {
        for (String bad : new String[] {"not json", "[1,2]", "{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\"}",
                "{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":-1}",
                "{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":\"x\"}"}) {
            assertNull(SongCount.parseValid(bad.getBytes(UTF_8)), bad);
        }
        assertNull(SongCount.parseValid(null));
    }

    @Test
    void writesTheServicesJsonLeavingNullsOut() {
        assertEquals("{\"radio\":\"nova\",\"title\":\"T\",\"count\":2}",
                new String(new SongCount("nova", null, "T", 2L).toJson(), UTF_8));
    }
}
