package dev.radiostream.offsetadmin;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.radiostream.core.offsets.Heartbeat;
import dev.radiostream.core.cli.CassandraOptions;
import dev.radiostream.core.cli.KafkaOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reset}: moves a consumer's stored next offsets in one topic, as kafka-consumer-groups --reset-offsets.
 * A dry run prints the plan; --execute writes it and the audit rows.
 */
@Command(name = "reset", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Reset a consumer's stored offsets in one topic (dry run unless --execute).",
                "Targets outside Kafka's current [earliest, latest] are clamped into it, with a warning. With "
                        + "--execute the new offsets are written in one batch, then to the audit table offset_resets. "
                        + "Refused while the consumer runs (it has a live heartbeat) unless --force." })
public class ResetCommand implements Callable<Integer> {

    @Inject
    OffsetService offsets;

    @Inject
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Option(names = "--consumer", required = true, paramLabel = "ID", description = "the consumer, e.g. kafka-to-cassandra-connector")
    String consumer;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "the topic")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Target (exactly one):%n")
    Target target;

    @Option(names = "--partition", split = ",", paramLabel = "P", description = "only these partitions, e.g. 0,2 (default: all)")
    List<Integer> partitions = new ArrayList<>();

    @Option(names = "--execute", description = "write the new offsets (without it: dry run, nothing is written)")
    boolean execute;

    @Option(names = "--force", description = "execute even though the consumer is running (it may overwrite the result)")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit table (default: the command)")
    String reason;

    @Option(names = "--allow-new-consumer",
            description = "accept a consumer that has no stored offsets, heartbeat or history yet (it starts from them)")
    boolean allowNewConsumer;

    @Option(names = "--output", paramLabel = "table|json", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE})")
    OutputFormat output;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CassandraOptions cassandra;

    /** The exclusive target options: picocli rejects none or two of them as a usage error. */
    static class Target {
        @Option(names = "--to-earliest", required = true, description = "the earliest offset still in Kafka")
        boolean toEarliest;

        @Option(names = "--to-latest", required = true, description = "the latest offset: skip everything not read yet")
        boolean toLatest;

        @Option(names = "--to-offset", required = true, paramLabel = "N", description = "this offset in every selected partition")
        Long toOffset;

        @Option(names = "--shift-by", required = true, paramLabel = "N",
                description = "move by N (negative: back, to re-read); from no stored offset: from the earliest")
        Long shiftBy;

        @Option(names = "--to-datetime", required = true, paramLabel = "ISO-8601", converter = DateTimeConverter.class,
                description = "the first record at or after this time (Kafka offsets-for-times), e.g. 2024-05-01T12:00:00Z")
        Instant toDatetime;

        ResetTarget toTarget() {
            if (toEarliest) {
                return new ResetTarget.ToEarliest();
            }
            if (toLatest) {
                return new ResetTarget.ToLatest();
            }
            if (toOffset != null) {
                return new ResetTarget.ToOffset(toOffset);
            }
            if (shiftBy != null) {
                return new ResetTarget.ShiftBy(shiftBy);
            }
            return new ResetTarget.ToDatetime(toDatetime);
        }
    }

    @Override
    public Integer call() {
        ResetPlan plan = offsets.planReset(consumer, topic, target.toTarget(), partitions, allowNewConsumer);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Heartbeat> running = offsets.heartbeat(consumer);
        UUID changeId = null;
        if (execute) {
            String why = reason == null || reason.isBlank() ? "offset-admin-service reset " + plan.target().describe() : reason;
            changeId = offsets.executeReset(plan, force, why);
        }
        plan.warnings().forEach(w -> err.println("warning: " + w));
        if (running.isPresent()) {
            err.println(execute
                    ? "warning: --force: " + ConsumerRunningException.describe(running.get())
                            + "; its lease is ended: its next offsets write is refused, and it restarts its query from these"
                    : "note: " + ConsumerRunningException.describe(running.get()) + ": --execute is refused unless --force");
        }
        err.flush();
        if (output == OutputFormat.json) {
            json.print(out, toJson(plan, changeId));
            return 0;
        }
        out.println("Consumer " + plan.consumer() + ", topic " + plan.topic() + ": reset " + plan.target().describe());
        Table table = new Table("PARTITION", "EARLIEST", "LATEST", "OLD", "NEW", "CHANGE");
        plan.changes().forEach(c -> table.row(c.partition(), c.earliestOffset(), c.latestOffset(), c.oldOffset(),
                c.newOffset(), change(c)));
        table.print(out);
        if (execute) {
            out.println("Executed: stored the new next offsets of " + plan.changes().size() + " partition(s); audit change "
                    + changeId + " (see: history --consumer " + plan.consumer() + ").");
        } else {
            out.println("Dry run: nothing written. Add --execute to store these offsets.");
        }
        out.flush();
        return 0;
    }

    private static String change(ResetPlan.Change c) {
        String text = c.oldOffset() == null ? "new" : delta(c.newOffset() - c.oldOffset());
        return c.clamped() ? text + " (clamped)" : text;
    }

    private static String delta(long delta) {
        return delta > 0 ? "+" + delta : delta == 0 ? "unchanged" : String.valueOf(delta);
    }

    private static Map<String, Object> toJson(ResetPlan plan, UUID changeId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("consumer", plan.consumer());
        json.put("topic", plan.topic());
        json.put("target", plan.target().describe());
        json.put("executed", changeId != null);
        json.put("changeId", changeId);
        json.put("partitions", plan.changes());
        json.put("warnings", plan.warnings());
        return json;
    }
}
