package dev.radiostream.offsetadmin;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverException;

import dev.radiostream.core.cassandra.CassandraSettings;
import dev.radiostream.core.cli.ServiceLauncher;
import dev.radiostream.core.health.Messages;
import dev.radiostream.core.kafka.KafkaAdmin.KafkaAdminException;
import dev.radiostream.core.kafka.KafkaSettings;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import picocli.CommandLine;

/**
 * The picocli command line Quarkus runs, with the exit codes operators and scripts rely on:
 * <ul>
 * <li>usage errors and bad input (unknown consumer or topic, missing partition...): one line, exit 2;</li>
 * <li>runtime failures (a server unreachable, a running consumer): one line {@code error: ...}, exit 1, no stack trace.</li>
 * </ul>
 */
@ApplicationScoped
public class CliConfiguration {

    public static final int RUNTIME_ERROR = 1;

    private final CassandraSettings cassandra;
    private final KafkaSettings kafka;

    public CliConfiguration(CassandraSettings cassandra, KafkaSettings kafka) {
        this.cassandra = cassandra;
        this.kafka = kafka;
    }

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /** Installs the error handling on a command line (also used by tests that run commands in-process). */
    public CommandLine configure(CommandLine commandLine) {
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage().replaceFirst("^Error: ", ""));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ServiceLauncher.USAGE_ERROR;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof BadInputException) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ServiceLauncher.USAGE_ERROR;
            }
            err.println("error: " + describe(e));
            err.flush();
            return RUNTIME_ERROR;
        });
        return commandLine;
    }

    /** One line for an operator: which server failed and why. */
    String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AllNodesFailedException failed) {
                return "Cassandra at " + cassandra.contactPoints() + " is not reachable: " + firstError(failed);
            }
            if (t instanceof DriverException) {
                return "Cassandra at " + cassandra.contactPoints() + " failed: " + withoutSessionPrefix(Messages.oneLine(t));
            }
            if (t instanceof KafkaAdminException) {
                String message = Messages.oneLine(t);
                return message.startsWith("Kafka at ") ? message : "Kafka at " + kafka.bootstrapServers() + " failed: " + message;
            }
        }
        return Messages.oneLine(error);
    }

    private static String firstError(AllNodesFailedException failed) {
        for (Map.Entry<?, List<Throwable>> node : failed.getAllErrors().entrySet()) {
            for (Throwable cause : node.getValue()) {
                return withoutSessionPrefix(Messages.oneLine(cause));
            }
        }
        return withoutSessionPrefix(Messages.oneLine(failed));
    }

    /** The driver starts its messages with the session/channel, e.g. "[s0|control|connecting...] ". */
    private static String withoutSessionPrefix(String message) {
        return message.replaceFirst("^\\[[^\\]]*\\]\\s*", "");
    }
}
