package dev.radiostream.offsetadmin;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.radiostream.core.offsets.Heartbeat;
import dev.radiostream.core.offsets.StoredOffset;
import dev.radiostream.core.cli.CassandraOptions;
import dev.radiostream.core.cli.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delete}: forgets a consumer's stored offsets, so it starts from its configured default. */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Forget a consumer's stored offsets (dry run unless --execute).",
                "Of one topic, or of all: the consumer then starts from its configured default "
                        + "(consumer.starting-offsets). The deleted offsets are kept in the audit table offset_resets. "
                        + "Refused while the consumer runs unless --force." })
public class DeleteCommand implements Callable<Integer> {

    @Inject
    OffsetService offsets;

    @Inject
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Option(names = "--consumer", required = true, paramLabel = "ID", description = "the consumer")
    String consumer;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "only this topic (default: all its topics)")
    String topic;

    @Option(names = "--execute", description = "delete (without it: dry run, nothing is written)")
    boolean execute;

    @Option(names = "--force", description = "execute even though the consumer is running")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit table (default: the command)")
    String reason;

    @Option(names = "--output", paramLabel = "table|json", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE})")
    OutputFormat output;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CassandraOptions cassandra;

    @Override
    public Integer call() {
        String topicFilter = ListCommand.blankToNull(topic);
        List<StoredOffset> planned = offsets.planDelete(consumer, topicFilter);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Heartbeat> running = offsets.heartbeat(consumer);
        UUID changeId = null;
        if (execute) {
            String why = reason == null || reason.isBlank()
                    ? "offset-admin-service delete" + (topicFilter == null ? "" : " --topic " + topicFilter)
                    : reason;
            changeId = offsets.executeDelete(consumer, topicFilter, planned, force, why);
        }
        running.ifPresent(hb -> err.println(execute
                ? "warning: --force: " + ConsumerRunningException.describe(hb)
                        + "; it stores its own offsets after every batch: restart it to start from its default"
                : "note: " + ConsumerRunningException.describe(hb) + ": --execute is refused unless --force"));
        err.flush();
        if (output == OutputFormat.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("consumer", consumer);
            result.put("topic", topicFilter);
            result.put("executed", changeId != null);
            result.put("changeId", changeId);
            result.put("offsets", planned);
            json.print(out, result);
            return 0;
        }
        Table table = new Table("CONSUMER", "TOPIC", "PARTITION", "NEXT", "UPDATED");
        planned.forEach(o -> table.row(o.consumer(), o.topic(), o.partition(), o.nextOffset(), o.updatedAt()));
        table.print(out);
        if (execute) {
            out.println("Executed: deleted " + planned.size() + " stored offset(s); the consumer starts from its default. "
                    + "Audit change " + changeId + " (see: history --consumer " + consumer + ").");
        } else {
            out.println("Dry run: nothing deleted. Add --execute to delete these " + planned.size() + " stored offset(s).");
        }
        out.flush();
        return 0;
    }
}
