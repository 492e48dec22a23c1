package dev.radiostream.offsetadmin;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.radiostream.core.cli.CassandraOptions;
import dev.radiostream.core.cli.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code history}: the audit rows of a consumer (what reset and delete changed), newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Show the offset changes made to a consumer, newest first.",
                "From the audit table offset_resets: when, old -> new per partition, who and why. To undo a change, "
                        + "reset to its OLD offsets (--to-offset N --partition P)." })
public class HistoryCommand implements Callable<Integer> {

    @Inject
    OffsetService offsets;

    @Inject
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Option(names = "--consumer", required = true, paramLabel = "ID", description = "the consumer")
    String consumer;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "only this topic")
    String topic;

    @Option(names = "--output", paramLabel = "table|json", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE})")
    OutputFormat output;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CassandraOptions cassandra;

    @Override
    public Integer call() {
        List<AuditEntry> entries = offsets.history(consumer, ListCommand.blankToNull(topic));
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            json.print(out, entries);
            return 0;
        }
        if (entries.isEmpty()) {
            out.println("No offset changes recorded for consumer " + consumer + (topic == null ? "" : " in topic " + topic) + ".");
            out.flush();
            return 0;
        }
        Table table = new Table("TIME", "TOPIC", "PARTITION", "OLD", "NEW", "ACTION", "OPERATOR", "CHANGE", "REASON");
        entries.forEach(e -> table.row(e.changedAt(), e.topic(), e.partition(), e.oldOffset(),
                e.newOffset() == null ? "(deleted)" : e.newOffset(), e.forced() ? e.action() + " (forced)" : e.action(),
                e.operator(), e.changeId().toString().substring(0, 8), e.reason()));
        table.print(out);
        return 0;
    }
}
