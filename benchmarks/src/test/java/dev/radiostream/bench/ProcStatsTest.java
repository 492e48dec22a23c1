package dev.radiostream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    private static final String STATUS = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  1468006 kB\nVmRSS:\t  1200000 kB\n";

    @Test
    void readsPeakRssAndCpuEvenWithParenthesesInTheCommandName() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 40 0\n";
        ProcStats stats = ProcStats.parse(STATUS, stat);
        assertEquals(1468006, stats.peakRssKib());
        assertEquals(1200000, stats.rssKib());
        assertEquals(18.0, stats.cpuSeconds(), 1e-9);
        assertEquals(1433.6, stats.peakRssMib(), 0.01);
    }

    @Test
    void cpuSinceAnEarlierReading() {
        ProcStats ready = new ProcStats(100, 100, 4.5);
        ProcStats done = new ProcStats(200, 150, 12.0);
        assertEquals(7.5, done.cpuSecondsSince(ready), 1e-9);
        assertTrue(Double.isNaN(done.cpuSecondsSince(ProcStats.UNKNOWN)));
        assertEquals(new ProcStats(300, 150, 12.0), done.withPeakOf(new ProcStats(300, 1, 99)));
    }
}
