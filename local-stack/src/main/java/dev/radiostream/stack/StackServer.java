package dev.radiostream.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One server of the stack: how to prepare it, launch it, and tell that it answers. */
interface StackServer {

    /** Short lowercase name used on the command line, in messages and as its directory name. */
    String name();

    /** The port clients use. */
    int clientPort();

    /** Every port it listens on (client port first): all must be free before it starts. */
    List<Integer> ports();

    /** Where its stdout and stderr go (its log configuration writes to the console). */
    Path logFile();

    Path pidFile();

    /**
     * A string only this server's command lines contain: the absolute path of a config file under the run
     * directory. Identifies our processes even without a pid file, and never matches another stack instance.
     */
    String processMarker();

    /** Resolves its artifacts (Maven the first time) and writes its configuration. Idempotent. */
    void prepare(ArtifactResolver resolver) throws IOException;

    /** The command to launch it, valid after {@link #prepare}. */
    ProcessLauncher.LaunchSpec launchSpec();

    /** Sends one real request; returns if the answer is right, throws with the reason otherwise. */
    void checkReady() throws Exception;

    /** Extra lines for {@code status} and failure reports (e.g. where its files live), may be empty. */
    default List<String> notes() {
        return List.of();
    }

    /** Thrown by {@link #checkReady()} when the server answered, but not (yet) as a ready server would. */
    final class NotReadyException extends Exception {
        NotReadyException(String message) {
            super(message);
        }
    }
}
