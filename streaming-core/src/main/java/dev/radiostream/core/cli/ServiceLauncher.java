package dev.radiostream.core.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code main} of every service. Before Quarkus starts it parses the command line with picocli:
 * <ul>
 * <li>{@code --help} and usage errors are answered at once (exit 0 / exit 2), without starting a server;</li>
 * <li>every option whose {@code descriptionKey} names a configuration key becomes a system property, so
 * the command line overrides application.properties and environment variables everywhere, including in
 * {@code @ConfigMapping} beans that are built before the command runs.</li>
 * </ul>
 * Then Quarkus starts and picocli runs the command as usual. The Spark services start through
 * {@code SparkServiceLauncher} (streaming-spark), which first checks the JVM options Spark needs.
 */
public final class ServiceLauncher {

    public static final int USAGE_ERROR = 2;

    private ServiceLauncher() {
    }

    /**
     * @param topCommand           the picocli top command class of the service
     * @param commandsWithoutHttp  subcommand names that are one-shot tools: they run without the HTTP server
     */
    public static void launch(Class<?> topCommand, Set<String> commandsWithoutHttp, String... args) {
        if (insideQuarkusTest()) {
            // @QuarkusMainTest calls main in the test JVM: no System.exit, no JVM checks; picocli still validates.
            Quarkus.run(PicocliRunner.class, args);
            return;
        }
        CommandLine commandLine = new CommandLine(topCommand);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage().replaceFirst("^Error: ", ""));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            System.exit(USAGE_ERROR);
            return;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            System.exit(0);
            return;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            for (OptionSpec option : level.matchedOptions()) {
                String key = option.descriptionKey();
                if (key != null && !key.isBlank()) {
                    System.setProperty(key, String.valueOf((Object) level.matchedOptionValue(option.longestName(), null)));
                }
            }
        }
        String leaf = chain.get(chain.size() - 1).getCommandName();
        if (commandsWithoutHttp.contains(leaf)) {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(PicocliRunner.class, args);
    }

    private static boolean insideQuarkusTest() {
        try {
            Class.forName("io.quarkus.test.junit.main.QuarkusMainTest", false, ServiceLauncher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
