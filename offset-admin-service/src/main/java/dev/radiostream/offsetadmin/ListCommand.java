package dev.radiostream.offsetadmin;

import java.io.PrintWriter;
import java.time.Instant;
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

/** {@code list}: stored next offsets per consumer/topic/partition with Kafka's bounds and the lag. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Show stored offsets with Kafka's bounds and the lag.",
                "Per consumer, topic and partition: the stored next offset, the partition's earliest and latest "
                        + "offsets in Kafka, the lag (latest - next) and when it was stored. A '-' next offset means "
                        + "none is stored: the consumer starts that partition from its default.",
                "Below the table, each consumer's owner: the process (host, pid, since) holding its lease." })
public class ListCommand implements Callable<Integer> {

    @Inject
    OffsetService offsets;

    @Inject
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Option(names = "--consumer", paramLabel = "ID", description = "only this consumer, e.g. kafka-to-cassandra-connector")
    String consumer;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "only this topic")
    String topic;

    @Option(names = "--output", paramLabel = "table|json", defaultValue = "table",
            description = "table or json, an array for scripts (default: ${DEFAULT-VALUE})")
    OutputFormat output;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CassandraOptions cassandra;

    @Override
    public Integer call() {
        List<OffsetRow> rows = offsets.list(blankToNull(consumer), blankToNull(topic));
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            json.print(out, rows);
            return 0;
        }
        if (rows.isEmpty()) {
            out.println("No stored offsets" + (consumer == null ? "" : " for consumer " + consumer)
                    + (topic == null ? "" : " in topic " + topic) + ".");
            out.flush();
            return 0;
        }
        Table table = new Table("CONSUMER", "TOPIC", "PARTITION", "NEXT", "EARLIEST", "LATEST", "LAG", "UPDATED");
        rows.forEach(r -> table.row(r.consumer(), r.topic(), r.partition(), r.nextOffset(), r.earliestOffset(),
                r.latestOffset(), r.lag(), r.updatedAt()));
        table.print(out);
        // The owner of each consumer id: the process whose lease the consumer's offsets are written under.
        rows.stream().map(OffsetRow::consumer).distinct().forEach(id -> offsets.owner(id).ifPresent(lease ->
                out.println("owner of " + id + ": " + lease.describe()
                        + (lease.liveAt(Instant.now()) ? "" : " (ended: the next consumer to start takes it)"))));
        out.flush();
        return 0;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
