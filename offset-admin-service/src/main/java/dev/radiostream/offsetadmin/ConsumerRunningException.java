package dev.radiostream.offsetadmin;

import java.time.Duration;
import java.time.Instant;

import dev.radiostream.core.offsets.Heartbeat;

/** A change to the offsets of a consumer that is running right now, without --force. Nothing was written. */
public class ConsumerRunningException extends RuntimeException {

    public ConsumerRunningException(Heartbeat heartbeat) {
        super(describe(heartbeat) + ": stop it first (while it runs it stores its own offsets after every batch), "
                + "or pass --force");
    }

    /** "consumer X is running on host h (pid 123, last heartbeat 2 s ago)". */
    public static String describe(Heartbeat heartbeat) {
        long ago = Math.max(0, Duration.between(heartbeat.updatedAt(), Instant.now()).toSeconds());
        return "consumer " + heartbeat.consumer() + " is running on host " + heartbeat.host() + " (pid " + heartbeat.pid()
                + ", last heartbeat " + ago + " s ago)";
    }
}
