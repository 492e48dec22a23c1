package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API other modules use: endpoints, reuse of running servers, status. */
@ExtendWith(LocalStackExtension.class)
class LocalStackApiTest {

    @Test
    void ensureUpIsIdempotentAndReturnsTheLocalEndpoints(StackEndpoints injected) {
        StackEndpoints again = LocalStack.shared().ensureUp();

        assertSame(injected, again);
        assertEquals(LocalStack.shared().localEndpoints(), injected);
        assertEquals("datacenter1", injected.cassandraLocalDatacenter());
    }

    @Test
    void upOnARunningStackStartsNothing() {
        List<String> output = new ArrayList<>();
        StackController controller = new StackController(StackConfig.load(), output::add);

        // The test-JVM flavour of up: the command-line one would take over servers this JVM may have started.
        List<StackServer> started = controller.upForTests(controller.select(List.of()));

        assertEquals(List.of(), started);
        assertEquals(3, output.size(), String.join("\n", output));
        output.forEach(line -> assertTrue(line.matches("\\w+: already running \\(pid \\d+\\) and ready on 127\\.0\\.0\\.1:\\d+"), line));
    }

    @Test
    void statusReportsEachServerReadyWithItsMemory() {
        List<String> status = new StackController(StackConfig.load(), line -> { }).status();

        assertEquals(3, status.size(), String.join("\n", status));
        for (String line : status) {
            assertTrue(line.matches("(kafka|cassandra|elasticsearch) +ready +pid \\d+ +127\\.0\\.0\\.1:\\d+ +RSS \\d+ MB"), line);
        }
    }
}
