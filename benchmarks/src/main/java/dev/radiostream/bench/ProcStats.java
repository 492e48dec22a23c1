package dev.radiostream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a process has cost so far, from Linux's /proc: peak resident memory (VmHWM of /proc/PID/status),
 * current resident memory (VmRSS) and CPU time in user plus system mode (utime + stime of /proc/PID/stat).
 */
record ProcStats(long peakRssKib, long rssKib, double cpuSeconds) {

    /** Clock ticks per second of /proc/PID/stat (USER_HZ): 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    static ProcStats read(long pid) {
        try {
            long hwm = 0;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                }
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return new ProcStats(hwm, rss, (utime + stime) / TICKS);
        } catch (IOException | RuntimeException e) {
            return new ProcStats(-1, -1, -1);
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    double peakRssMib() {
        return peakRssKib / 1024.0;
    }
}
