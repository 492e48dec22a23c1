package dev.radiostream.offsetadmin;

import java.util.List;
import java.util.Set;

import dev.radiostream.core.cli.ServiceLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

@QuarkusMain
public class OffsetAdminMain {

    /** One-shot tools: they run without the HTTP server. Only {@code serve} starts it. */
    static final Set<String> TOOLS = Set.of("list", "reset", "delete", "history");

    public static void main(String... args) {
        quietLogsForTools(args);
        ServiceLauncher.launch(OffsetAdminCommand.class, TOOLS, args);
    }

    /**
     * A tool's output is its table or JSON: Quarkus' start/stop lines and client-library retries are not
     * shown (warnings still are). QUARKUS_LOG_LEVEL or -Dquarkus.log.level still wins.
     */
    static void quietLogsForTools(String... args) {
        String leaf;
        try {
            List<CommandLine> chain = new CommandLine(OffsetAdminCommand.class).parseArgs(args).asCommandLineList();
            leaf = chain.get(chain.size() - 1).getCommandName();
        } catch (CommandLine.ParameterException e) {
            return; // ServiceLauncher reports it
        }
        if (TOOLS.contains(leaf) && System.getenv("QUARKUS_LOG_LEVEL") == null) {
            System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
            System.setProperty("quarkus.log.category.\"org.apache.kafka\".level", "ERROR");
            System.setProperty("quarkus.log.category.\"com.datastax\".level", "ERROR");
        }
    }
}
