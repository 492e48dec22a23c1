package dev.radiostream.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition instead of sleeping a guessed time. */
public final class Await {

    private Await() {
    }

    /** Polls until the check returns true; fails with the message when the timeout passes. */
    public static void until(Duration timeout, String what, Supplier<Boolean> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(check.get())) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")"), last);
    }
}
