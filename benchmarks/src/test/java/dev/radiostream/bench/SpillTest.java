package dev.radiostream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.radiostream.pipeline.Http;

class SpillTest {

    @Test
    void readsTheServicesSparkFigures() throws Exception {
        Spill spill = Spill.from(Http.JSON.readTree(
                "{\"phase\":\"RUNNING\",\"spark\":{\"memoryBytesSpilled\":3145728,\"diskBytesSpilled\":1048576}}"));
        assertEquals(new Spill(3145728, 1048576), spill);
        assertEquals(3.0, spill.memoryMib(), 1e-9);
        assertEquals(1.0, spill.diskMib(), 1e-9);
    }

    @Test
    void absentWhenAServiceDoesNotReportIt() throws Exception {
        assertNull(Spill.from(Http.JSON.readTree("{\"phase\":\"RUNNING\",\"nextOffsets\":{}}")));
        assertNull(Spill.from(Http.JSON.readTree("{\"spark\":{\"memoryBytesSpilled\":null}}")));
        assertNull(Spill.from(null));
    }
}
