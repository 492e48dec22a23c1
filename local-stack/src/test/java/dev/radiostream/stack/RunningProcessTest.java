package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningProcessTest {

    @TempDir
    Path dir;

    @Test
    void statIsParsedFromTheLastParenthesisSoACommandNameWithSpacesDoesNotShiftFields() {
        String stat = "4242 (java (my) app) S 1 4242 4242 0 -1 4194560 1 0 0 0 5 3 0 0 20 0 30 0 987654 123 456";

        Optional<RunningProcess.Stat> parsed = RunningProcess.parseStat(stat);

        assertTrue(parsed.isPresent());
        assertEquals('S', parsed.get().state());
        assertEquals(987654L, parsed.get().startTicks());
    }

    @Test
    void pidFileRoundTripsAndRejectsGarbage() throws IOException {
        RunningProcess process = new RunningProcess(1234, 5678);
        Path pidFile = dir.resolve("x.pid");

        ProcessLauncher.writePidFile(pidFile, process);

        assertEquals(Optional.of(process), ProcessLauncher.readPidFile(pidFile));
        assertEquals(Optional.empty(), RunningProcess.parsePidFile("1234"));
        assertEquals(Optional.empty(), RunningProcess.parsePidFile("abc def"));
        assertEquals(Optional.empty(), ProcessLauncher.readPidFile(dir.resolve("missing.pid")));
    }

    @Test
    void thisJvmIsAliveButNotWithAnotherStartTime() {
        RunningProcess self = RunningProcess.of(ProcessHandle.current().pid()).orElseThrow();

        assertTrue(self.isAlive());
        assertTrue(self.rssKiB().orElse(0) > 10_000, "a JVM has more than 10 MB resident");
        assertFalse(new RunningProcess(self.pid(), self.startTicks() + 1).isAlive(), "a recycled pid is not our process");
    }

    /** A detached process survives on its own, is found by its marker, and stop() ends it and its children. */
    @Test
    void detachedProcessIsFoundByMarkerAndStoppedWithItsChildren() throws Exception {
        String marker = dir.resolve("marker-" + System.nanoTime()).toString();
        Path log = dir.resolve("logs/sleeper.log");
        // A shell with a child: SIGTERM ends the shell, the orphaned sleep must be ended too (after grace / 2).
        ProcessLauncher.LaunchSpec spec = new ProcessLauncher.LaunchSpec(
                List.of("bash", "-c", "echo started; sleep 300 & wait", marker), Map.of(), dir, log);

        ProcessLauncher.Launched launched = ProcessLauncher.launchDetached(spec);
        RunningProcess process = launched.process();
        waitUntil(() -> process.tree().size() == 2);

        assertTrue(process.isAlive());
        assertEquals(List.of(process), ProcessLauncher.findByMarker(marker));
        long child = process.tree().get(1).pid();

        boolean killed = ProcessLauncher.stop(process, Duration.ofSeconds(2));

        assertFalse(killed, "SIGTERM was enough");
        assertFalse(process.isAlive());
        assertFalse(RunningProcess.of(child).map(RunningProcess::isAlive).orElse(false), "the child is gone too");
        assertEquals(List.of(), ProcessLauncher.findByMarker(marker));
        assertEquals("started", Files.readString(log).trim());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "condition not reached in 10 s");
    }
}
