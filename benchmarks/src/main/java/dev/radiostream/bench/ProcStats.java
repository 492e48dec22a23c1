package dev.radiostream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a process has cost so far, from Linux's /proc: peak resident memory (VmHWM of /proc/PID/status),
 * current resident memory (VmRSS) and CPU time in user plus system mode (utime + stime of /proc/PID/stat).
 * Unknown values are -1.
 */
record ProcStats(long peakRssKib, long rssKib, double cpuSeconds) {

    /** Clock ticks per second of /proc/PID/stat (USER_HZ): 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    static final ProcStats UNKNOWN = new ProcStats(-1, -1, -1);

    static ProcStats read(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")),
                    Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** From the text of /proc/PID/status and /proc/PID/stat. */
    static ProcStats parse(String status, String stat) {
        long hwm = -1;
        long rss = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            } else if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            }
        }
        // Fields after the command name, which is in parentheses and may contain spaces and parentheses.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return new ProcStats(hwm, rss, (utime + stime) / TICKS);
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    double peakRssMib() {
        return peakRssKib < 0 ? Double.NaN : peakRssKib / 1024.0;
    }

    /** CPU seconds spent since {@code earlier} (a reading of the same process); NaN when either is unknown. */
    double cpuSecondsSince(ProcStats earlier) {
        return cpuSeconds < 0 || earlier.cpuSeconds < 0 ? Double.NaN : cpuSeconds - earlier.cpuSeconds;
    }

    /** This reading with the higher of both readings' peaks (e.g. the CPU of one moment, the peak of a later one). */
    ProcStats withPeakOf(ProcStats other) {
        return new ProcStats(Math.max(peakRssKib, other.peakRssKib), rssKib, cpuSeconds);
    }
}
