package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLeasesTest {

    @TempDir
    Path runDir;

    @Test
    void theLastJvmToLeaveStopsWhatTestsStarted() throws IOException {
        TestLeases leases = new TestLeases(runDir);
        leases.acquire();
        leases.addStartedForTests(List.of("kafka", "cassandra"));

        assertEquals(List.of("kafka", "cassandra"), leases.release());
        assertEquals(List.of(), leases.release(), "stopped once, then nothing is left to stop");
    }

    @Test
    void serversStayWhileAnotherLiveJvmHoldsALease() throws Exception {
        TestLeases leases = new TestLeases(runDir);
        leases.acquire();
        leases.addStartedForTests(List.of("elasticsearch"));
        Process otherJvm = new ProcessBuilder("sleep", "60").start();
        try {
            RunningProcess other = RunningProcess.of(otherJvm.pid()).orElseThrow();
            Files.writeString(runDir.resolve("leases").resolve(other.pid() + "-" + other.startTicks()), "");

            assertEquals(List.of(), leases.release(), "the other JVM still uses the servers");
        } finally {
            otherJvm.destroy();
            otherJvm.waitFor();
        }
        // The other JVM died without releasing: the next release prunes its lease and stops the servers.
        assertEquals(List.of("elasticsearch"), leases.release());
    }

    @Test
    void serversTakenOverByTheCommandLineAreNeverStoppedByTests() throws IOException {
        TestLeases leases = new TestLeases(runDir);
        leases.acquire();
        leases.addStartedForTests(List.of("kafka", "cassandra"));

        leases.forget(List.of("kafka"));

        assertEquals(List.of("cassandra"), leases.release());
    }

    @Test
    void leaseNamesIdentifyAProcessByPidAndStartTime() {
        RunningProcess self = RunningProcess.of(ProcessHandle.current().pid()).orElseThrow();

        assertTrue(TestLeases.isLive(self.pid() + "-" + self.startTicks()));
        assertFalse(TestLeases.isLive(self.pid() + "-" + (self.startTicks() + 1)));
        assertFalse(TestLeases.isLive("garbage"));
    }
}
