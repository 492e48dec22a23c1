package dev.radiostream.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A process identified by its pid AND its start time (clock ticks since boot, from /proc/&lt;pid&gt;/stat), so that
 * a pid the kernel has recycled for another program is never taken for our server. Linux only, like the stack.
 */
record RunningProcess(long pid, long startTicks) {

    /** The process currently holding {@code pid}, if any. */
    static Optional<RunningProcess> of(long pid) {
        return readStat(pid).map(stat -> new RunningProcess(pid, stat.startTicks()));
    }

    /** Parses the content of a pid file written by {@link #toPidFileContent()}. */
    static Optional<RunningProcess> parsePidFile(String content) {
        String[] parts = content.trim().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunningProcess(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String toPidFileContent() {
        return pid + " " + startTicks + "\n";
    }

    /** Alive = the same process still holds the pid and is not a zombie waiting to be reaped. */
    boolean isAlive() {
        return readStat(pid).filter(stat -> stat.startTicks() == startTicks && stat.state() != 'Z').isPresent();
    }

    /** This process and all its descendants (Elasticsearch runs its server JVM as a child of its CLI JVM). */
    List<ProcessHandle> tree() {
        return ProcessHandle.of(pid)
                .map(root -> Stream.concat(Stream.of(root), root.descendants()).collect(Collectors.toList()))
                .orElse(List.of());
    }

    /** Resident memory of the whole tree, from VmRSS in /proc/&lt;pid&gt;/status. */
    OptionalLong rssKiB() {
        long total = 0;
        boolean any = false;
        for (ProcessHandle process : tree()) {
            OptionalLong rss = rssKiBOf(process.pid());
            if (rss.isPresent()) {
                total += rss.getAsLong();
                any = true;
            }
        }
        return any ? OptionalLong.of(total) : OptionalLong.empty();
    }

    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static OptionalLong rssKiBOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Exited meanwhile, or a kernel thread without VmRSS.
        }
        return OptionalLong.empty();
    }

    record Stat(char state, long startTicks) {
    }

    /**
     * /proc/&lt;pid&gt;/stat: "pid (comm) state ppid ... starttime ...". comm may contain spaces and parentheses,
     * so fields are counted from the last ')': state is field 3, starttime field 22.
     */
    private static Optional<Stat> readStat(long pid) {
        String content;
        try {
            content = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        return parseStat(content);
    }

    static Optional<Stat> parseStat(String content) {
        int endOfCommand = content.lastIndexOf(')');
        if (endOfCommand < 0) {
            return Optional.empty();
        }
        String[] fields = content.substring(endOfCommand + 1).trim().split("\\s+");
        if (fields.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
