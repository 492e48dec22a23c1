package dev.radiostream.offsetadmin;

import java.util.concurrent.Callable;

import dev.radiostream.core.cli.ServiceLauncher;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@TopCommand
@Command(name = "offset-admin-service", mixinStandardHelpOptions = true, version = "offset-admin-service 1.0",
        description = { "Lists and resets the Kafka offsets the streaming services store in Cassandra.",
                "Table kafka_offsets holds per consumer, topic and partition the NEXT offset to read. Changes are "
                        + "dry runs unless --execute; a running consumer is left alone unless --force; every change is "
                        + "written to the audit table offset_resets (see history).",
                "Exit codes: 0 ok, 1 runtime error (server unreachable, consumer running), 2 usage or bad input." },
        subcommands = { ListCommand.class, ResetCommand.class, DeleteCommand.class, HistoryCommand.class,
                ServeCommand.class })
public class OffsetAdminCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: a command is required (list, reset, delete, history, serve)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ServiceLauncher.USAGE_ERROR;
    }
}
