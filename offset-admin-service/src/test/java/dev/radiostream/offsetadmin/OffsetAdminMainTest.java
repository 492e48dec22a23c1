package dev.radiostream.offsetadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * The application as a process would run it: the exit code picocli returns is the application's exit code.
 * (ServiceLauncher's pre-parse is not part of this path: here picocli inside Quarkus rejects bad usage. The other
 * usage errors are checked in-process by OffsetCommandsTest, through the same command line; each launch here
 * boots the application.)
 */
@QuarkusMainTest
@WithTestResource(StackResource.class)
class OffsetAdminMainTest {

    @Test
    void listSucceeds(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("list");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("No stored offsets"), result.getOutput());
    }

    @Test
    @Launch(value = { "reset", "--consumer", "nobody", "--topic", "t", "--to-latest", "--execute" }, exitCode = 2)
    void unknownConsumerExitsWithTwo(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("error: unknown consumer 'nobody'"), result.getErrorOutput());
    }

    @Test
    @Launch(value = { "reset", "--consumer", "c", "--topic", "t", "--to-offset", "abc" }, exitCode = 2)
    void nonNumericOffsetExitsWithTwo(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("error: Invalid value for option '--to-offset': 'abc' is not a long"),
                result.getErrorOutput());
    }

    @Test
    @Launch(value = {}, exitCode = 2)
    void noCommandExitsWithTwo(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("error: a command is required"), result.getErrorOutput());
    }
}
