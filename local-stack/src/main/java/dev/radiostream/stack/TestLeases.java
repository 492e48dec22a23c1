package dev.radiostream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Book-keeping that lets several test JVMs share servers that tests started (modules tested in parallel, or two
 * developers' builds on one machine): each JVM using the stack holds a lease, and servers started for tests are
 * stopped by the last JVM to leave, not by the one that happened to start them while others still use them.
 * Servers started by {@code ./stack up} are never stopped by tests. Every method runs under the stack lock.
 * <p>
 * Files: {@code leases/<pid>-<start ticks>} per JVM, {@code started-for-tests} listing server names.
 */
final class TestLeases {

    private final Path leasesDir;
    private final Path startedForTests;

    TestLeases(Path runDir) {
        this.leasesDir = runDir.resolve("leases");
        this.startedForTests = runDir.resolve("started-for-tests");
    }

    /** Registers this JVM as a user of the stack. */
    void acquire() throws IOException {
        Files.createDirectories(leasesDir);
        Files.writeString(ownLease(), "");
    }

    /** Records servers a test JVM started: they are to be stopped when the last lease goes. */
    void addStartedForTests(Collection<String> names) throws IOException {
        Set<String> all = new LinkedHashSet<>(readStartedForTests());
        all.addAll(names);
        writeStartedForTests(all);
    }

    /** {@code ./stack up} or {@code down} took these servers over: tests leave them alone from now on. */
    void forget(Collection<String> names) throws IOException {
        Set<String> all = new LinkedHashSet<>(readStartedForTests());
        if (all.removeAll(names)) {
            writeStartedForTests(all);
        }
    }

    /**
     * Drops this JVM's lease (and those of JVMs that died without dropping theirs).
     *
     * @return the servers to stop now: those started for tests, if no other live JVM holds a lease; else none
     */
    List<String> release() throws IOException {
        Files.deleteIfExists(ownLease());
        if (Files.isDirectory(leasesDir)) {
            try (Stream<Path> leases = Files.list(leasesDir)) {
                for (Path lease : (Iterable<Path>) leases::iterator) {
                    if (isLive(lease.getFileName().toString())) {
                        return List.of();
                    }
                    Files.deleteIfExists(lease);
                }
            }
        }
        List<String> toStop = readStartedForTests();
        writeStartedForTests(Set.of());
        return toStop;
    }

    private Path ownLease() {
        RunningProcess self = RunningProcess.of(ProcessHandle.current().pid())
                .orElseThrow(() -> new IllegalStateException("cannot read /proc for this JVM"));
        return leasesDir.resolve(self.pid() + "-" + self.startTicks());
    }

    /** A lease is named pid-startTicks: live while that very process runs. */
    static boolean isLive(String leaseName) {
        Optional<RunningProcess> owner = RunningProcess.parsePidFile(leaseName.replace('-', ' '));
        return owner.map(RunningProcess::isAlive).orElse(false);
    }

    private List<String> readStartedForTests() throws IOException {
        if (!Files.exists(startedForTests)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(startedForTests)) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        return names;
    }

    private void writeStartedForTests(Set<String> names) throws IOException {
        if (names.isEmpty()) {
            Files.deleteIfExists(startedForTests);
        } else {
            Files.write(startedForTests, names);
        }
    }
}
