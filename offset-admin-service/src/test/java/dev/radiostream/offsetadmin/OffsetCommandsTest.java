package dev.radiostream.offsetadmin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.kafka.KafkaSettings;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.stack.KafkaConsumerGroupsTool;
import dev.radiostream.stack.KafkaConsumerGroupsTool.PartitionPosition;
import dev.radiostream.stack.TestNames;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/**
 * The commands in-process against the real Kafka and Cassandra of the local stack, through the same picocli
 * command line (and exit-code handling) Quarkus runs. The test class has its own keyspace and topic; every
 * test its own consumer id. Topic: partitions 0-2, offsets [0, 10) except partition 2: [3, 10).
 */
@QuarkusTest
@WithTestResource(StackResource.class)
class OffsetCommandsTest {

    private static TimedTopic topic;

    @Inject
    Instance<CommandLine> commandLines;

    @Inject
    KafkaOffsetStore store;

    @Inject
    AuditLog audit;

    @Inject
    KafkaSettings kafka;

    @Inject
    ObjectMapper mapper;

    @Inject
    KafkaAdmin kafkaAdmin;

    private String consumer;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        if (topic == null) {
            topic = TimedTopic.create(kafka.bootstrapServers());
        }
        consumer = TestNames.unique("consumer");
    }

    private Run run(String... args) {
        CommandLine commandLine = commandLines.get();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Run ok(String... args) {
        Run run = run(args);
        assertEquals(0, run.exitCode(), () -> "exit code of " + List.of(args) + "\nout: " + run.out() + "\nerr: " + run.err());
        return run;
    }

    /** Stores partition 0 at 4 and partition 1 at 10 (the end); partition 2 has nothing stored. */
    private void seed() {
        store.store(consumer, topic.name, Map.of(0, 4L, 1, 10L));
    }

    private Map<Integer, Long> stored() {
        return store.nextOffsets(consumer, topic.name);
    }

    private Run reset(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "reset";
        all[1] = "--consumer";
        all[2] = consumer;
        all[3] = "--topic";
        all[4] = topic.name;
        System.arraycopy(args, 0, all, 5, args.length);
        return run(all);
    }

    // ---- list and GET /offsets

    @Test
    void listShowsStoredOffsetsWithKafkaBoundsAndLag() throws Exception {
        seed();
        Run json = ok("list", "--consumer", consumer, "--output", "json");
        JsonNode rows = mapper.readTree(json.out());
        assertEquals(3, rows.size());
        assertEquals(consumer, rows.get(0).get("consumer").asText());
        assertEquals(topic.name, rows.get(0).get("topic").asText());
        assertEquals(4, rows.get(0).get("nextOffset").asLong());
        assertEquals(0, rows.get(0).get("earliestOffset").asLong());
        assertEquals(10, rows.get(0).get("latestOffset").asLong());
        assertEquals(6, rows.get(0).get("lag").asLong());
        assertTrue(rows.get(0).get("updatedAt").asText().endsWith("Z"));
        assertEquals(0, rows.get(1).get("lag").asLong());
        assertTrue(rows.get(2).get("nextOffset").isNull());
        assertEquals(3, rows.get(2).get("earliestOffset").asLong());

        Run table = ok("list", "--consumer", consumer);
        List<String> lines = table.out().lines().toList();
        assertEquals(4, lines.size(), table.out());
        assertTrue(lines.get(0).matches("CONSUMER +TOPIC +PARTITION +NEXT +EARLIEST +LATEST +LAG +UPDATED"), lines.get(0));
        assertTrue(lines.get(1).matches(consumer + " +" + topic.name + " +0 +4 +0 +10 +6 +\\S+Z"), lines.get(1));
        assertTrue(lines.get(3).matches(consumer + " +" + topic.name + " +2 +- +3 +10 +- +-"), lines.get(3));
        assertEquals("", table.err());

        Run all = ok("list", "--output", "json");
        assertTrue(all.out().contains(consumer));
    }

    @Test
    void getOffsetsServesTheSameRowsAsJson() {
        seed();
        given().queryParam("consumer", consumer).when().get("/offsets").then()
                .statusCode(200)
                .body("$", hasSize(3))
                .body("[0].nextOffset", equalTo(4))
                .body("[0].lag", equalTo(6))
                .body("[2].earliestOffset", equalTo(3));
        given().queryParam("consumer", consumer).queryParam("topic", topic.name).when().get("/offsets").then()
                .statusCode(200).body("$", hasSize(3));
        given().queryParam("consumer", "nobody_" + consumer).when().get("/offsets").then()
                .statusCode(404).body("error", startsWith("unknown consumer 'nobody_"));
    }

    @Test
    void healthEndpointsReportCassandraAndKafka() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'dependencies' }.data.kafka", startsWith("UP"))
                .body("checks.find { it.name == 'dependencies' }.data.cassandra", startsWith("UP"));
    }

    // ---- reset: dry run, each mode executed, clamping

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        seed();
        Run run = reset("--to-earliest");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Dry run: nothing written"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("0 +0 +10 +4 +0 +-4")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("2 +3 +10 +- +3 +new")), run.out());
        assertEquals(Map.of(0, 4L, 1, 10L), stored());
        assertTrue(audit.history(consumer).isEmpty());
    }

    @Test
    void toEarliestExecutesExactlyThePlan() {
        seed();
        Run run = reset("--to-earliest", "--execute");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Executed"), run.out());
        assertEquals(Map.of(0, 0L, 1, 0L, 2, 3L), stored());
    }

    @Test
    void toLatestExecutesExactlyThePlan() {
        seed();
        assertEquals(0, reset("--to-latest", "--execute").exitCode());
        assertEquals(Map.of(0, 10L, 1, 10L, 2, 10L), stored());
    }

    @Test
    void toOffsetOnSelectedPartitionsLeavesTheOthersAlone() {
        seed();
        Run run = reset("--to-offset", "5", "--partition", "0,2", "--execute");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Map.of(0, 5L, 1, 10L, 2, 5L), stored());
    }

    @Test
    void shiftByMovesFromTheStoredOffsetAndFromEarliestWhereNoneIsStored() {
        seed();
        Run run = reset("--shift-by", "-3", "--execute");
        assertEquals(0, run.exitCode(), run.err());
        // partition 2: nothing stored, so from its earliest 3; 3 - 3 = 0 is before it: clamped to 3
        assertEquals(Map.of(0, 1L, 1, 7L, 2, 3L), stored());
        assertTrue(run.err().contains("warning: partition 2: no stored offset, shifting from the earliest offset 3"), run.err());
        assertTrue(run.err().contains("warning: partition 2: target offset 0 is before the earliest offset 3 in Kafka; clamped to 3"),
                run.err());

        assertEquals(0, reset("--shift-by", "2", "--partition", "0", "--execute").exitCode());
        assertEquals(Map.of(0, 3L, 1, 7L, 2, 3L), stored());
    }

    @Test
    void toDatetimeUsesKafkaOffsetsForTimes() {
        seed();
        String between4And5 = topic.base.plus(Duration.ofMinutes(4)).plusSeconds(30).toString();
        Run run = reset("--to-datetime", between4And5, "--execute");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Map.of(0, 5L, 1, 5L, 2, 5L), stored());

        // exactly the timestamp of record 7: that record is the first at or after it
        assertEquals(0, reset("--to-datetime", topic.base.plus(Duration.ofMinutes(7)).toString(), "--execute").exitCode());
        assertEquals(Map.of(0, 7L, 1, 7L, 2, 7L), stored());

        // after the last record: latest; before the first one: earliest (partition 2's first records are gone)
        assertEquals(0, reset("--to-datetime", topic.base.plus(Duration.ofHours(1)).toString(), "--execute").exitCode());
        assertEquals(Map.of(0, 10L, 1, 10L, 2, 10L), stored());
        assertEquals(0, reset("--to-datetime", topic.base.minus(Duration.ofDays(1)).toString(), "--execute").exitCode());
        assertEquals(Map.of(0, 0L, 1, 0L, 2, 3L), stored());
    }

    @Test
    void targetsOutsideKafkasBoundsAreClampedWithAWarning() {
        seed();
        Run high = reset("--to-offset", "100", "--execute");
        assertEquals(0, high.exitCode(), high.err());
        assertEquals(Map.of(0, 10L, 1, 10L, 2, 10L), stored());
        assertTrue(high.err().contains("warning: partition 0: target offset 100 is after the latest offset 10 in Kafka; clamped to 10"),
                high.err());
        assertTrue(high.out().contains("(clamped)"), high.out());

        Run low = reset("--to-offset", "1", "--partition", "2", "--execute");
        assertEquals(0, low.exitCode(), low.err());
        assertEquals(Map.of(0, 10L, 1, 10L, 2, 3L), stored());
        assertTrue(low.err().contains("warning: partition 2: target offset 1 is before the earliest offset 3 in Kafka; clamped to 3"),
                low.err());
    }

    @Test
    void jsonOutputOfAResetIsThePlan() throws Exception {
        seed();
        Run run = reset("--to-offset", "6", "--partition", "1", "--output", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode plan = mapper.readTree(run.out());
        assertEquals("--to-offset 6", plan.get("target").asText());
        assertFalse(plan.get("executed").asBoolean());
        assertEquals(1, plan.get("partitions").size());
        assertEquals(10, plan.get("partitions").get(0).get("oldOffset").asLong());
        assertEquals(6, plan.get("partitions").get(0).get("newOffset").asLong());
    }

    // ---- audit

    @Test
    void everyExecutedChangeIsAudited() {
        seed();
        assertEquals(0, reset("--to-offset", "2", "--partition", "0,1", "--execute", "--reason", "replay after bug 42").exitCode());
        List<AuditEntry> entries = audit.history(consumer);
        assertEquals(2, entries.size());
        AuditEntry p0 = entries.get(0);
        assertEquals(topic.name, p0.topic());
        assertEquals(0, p0.partition());
        assertEquals(4L, p0.oldOffset());
        assertEquals(2L, p0.newOffset());
        assertEquals("reset --to-offset 2", p0.action());
        assertEquals("replay after bug 42", p0.reason());
        assertFalse(p0.forced());
        assertTrue(p0.operator().contains("@"), p0.operator());
        assertEquals(10L, entries.get(1).oldOffset());
        assertEquals(entries.get(0).changeId(), entries.get(1).changeId());

        assertEquals(0, reset("--to-latest", "--partition", "2", "--execute").exitCode());
        List<AuditEntry> after = audit.history(consumer);
        assertEquals(3, after.size());
        assertEquals(2, after.get(0).partition(), "newest change first");
        assertNull(after.get(0).oldOffset());
        assertEquals("offset-admin-service reset --to-latest", after.get(0).reason());

        Run history = ok("history", "--consumer", consumer);
        List<String> lines = history.out().lines().toList();
        assertEquals(4, lines.size(), history.out());
        assertTrue(lines.get(0).startsWith("TIME "), lines.get(0));
        assertTrue(lines.get(1).contains(" 2 ") && lines.get(1).contains("reset --to-latest"), lines.get(1));
        assertTrue(lines.get(2).contains("replay after bug 42"), lines.get(2));
    }

    // ---- delete

    @Test
    void deleteForgetsTheOffsetsAfterADryRunAndIsAudited() {
        seed();
        Run dry = ok("delete", "--consumer", consumer);
        assertTrue(dry.out().contains("Dry run: nothing deleted"), dry.out());
        assertEquals(Map.of(0, 4L, 1, 10L), stored());

        Run executed = ok("delete", "--consumer", consumer, "--topic", topic.name, "--execute");
        assertTrue(executed.out().contains("Executed: deleted 2 stored offset(s)"), executed.out());
        assertEquals(Map.of(), stored());
        List<AuditEntry> entries = audit.history(consumer);
        assertEquals(2, entries.size());
        assertNull(entries.get(0).newOffset());
        assertEquals(4L, entries.get(0).oldOffset());

        // still known through its history: its offsets can be set again
        assertEquals(0, reset("--to-offset", "4", "--partition", "0", "--execute").exitCode());
        assertEquals(Map.of(0, 4L), stored());
    }

    @Test
    void kafkasConsumerGroupToolShowsTheResetOffsetsAndForgetsDeletedOnes() throws Exception {
        seed();
        ok("reset", "--consumer", consumer, "--topic", topic.name, "--to-offset", "7", "--execute");
        assertEquals(Map.of(0, 7L, 1, 7L, 2, 7L), kafkaAdmin.groupOffsets(consumer, topic.name),
                "the consumer group named after the consumer follows the reset");
        String described = KafkaConsumerGroupsTool.describe(kafka.bootstrapServers(), consumer);
        PartitionPosition atSeven = new PartitionPosition(7, 10, 3);
        assertEquals(Map.of(0, atSeven, 1, atSeven, 2, atSeven),
                KafkaConsumerGroupsTool.positions(described, consumer, topic.name), described);

        ok("delete", "--consumer", consumer, "--topic", topic.name, "--execute");
        assertEquals(Map.of(), kafkaAdmin.groupOffsets(consumer, topic.name));
    }

    @Test
    void metricsAreServedForPrometheus() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes{area=\"heap\""))
                .body(containsString("service=\"offset-admin-service\""));
    }

    // ---- a running consumer

    @Test
    void resetAndDeleteOfARunningConsumerAreRefusedUnlessForced() {
        seed();
        store.beat(consumer);
        try {
            Run dry = reset("--to-latest");
            assertEquals(0, dry.exitCode(), dry.err());
            assertTrue(dry.err().contains("note: consumer " + consumer + " is running"), dry.err());

            Run refused = reset("--to-latest", "--execute");
            assertEquals(1, refused.exitCode());
            assertTrue(refused.err().startsWith("error: consumer " + consumer + " is running on host "), refused.err());
            assertTrue(refused.err().contains("or pass --force"), refused.err());
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertEquals("", refused.out());

            Run deleteRefused = run("delete", "--consumer", consumer, "--execute");
            assertEquals(1, deleteRefused.exitCode());
            assertTrue(deleteRefused.err().contains("is running"), deleteRefused.err());
            assertEquals(Map.of(0, 4L, 1, 10L), stored());
            assertTrue(audit.history(consumer).isEmpty());

            Run forced = reset("--to-latest", "--execute", "--force");
            assertEquals(0, forced.exitCode(), forced.err());
            assertTrue(forced.err().startsWith("warning: --force: consumer " + consumer + " is running"), forced.err());
            assertEquals(Map.of(0, 10L, 1, 10L, 2, 10L), stored());
            assertTrue(audit.history(consumer).stream().allMatch(AuditEntry::forced));
        } finally {
            store.clearHeartbeat(consumer);
        }
    }

    // ---- bad input: one line, exit 2, nothing written

    @Test
    void badInputIsAUsageErrorAndWritesNothing() {
        seed();
        assertBadInput(reset("--to-offset", "3", "--partition", "7", "--execute"),
                "error: partition 7 does not exist in topic " + topic.name + " (partitions 0-2)");
        assertBadInput(run("reset", "--consumer", "nobody_" + consumer, "--topic", topic.name, "--to-latest", "--execute"),
                "error: unknown consumer 'nobody_" + consumer + "': no stored offsets, no heartbeat, no history");
        assertBadInput(run("reset", "--consumer", consumer, "--topic", "no_such_topic_" + consumer, "--to-latest", "--execute"),
                "error: unknown topic 'no_such_topic_" + consumer + "': it does not exist in Kafka");
        assertBadInput(run("list", "--consumer", "nobody_" + consumer), "error: unknown consumer 'nobody_");
        assertBadInput(run("list", "--topic", "no_such_topic_" + consumer), "error: unknown topic 'no_such_topic_");
        assertBadInput(run("delete", "--consumer", "nobody_" + consumer, "--execute"), "error: unknown consumer 'nobody_");
        assertBadInput(run("delete", "--consumer", consumer, "--topic", "other", "--execute"),
                "error: consumer " + consumer + " has no offsets stored for topic 'other' (its topics: " + topic.name + ")");
        assertBadInput(run("history", "--consumer", "nobody_" + consumer), "error: unknown consumer 'nobody_");
        assertBadInput(reset("--to-offset", "-1", "--execute"), "error: --to-offset must be 0 or more, not -1");

        assertUsageError(reset("--to-offset", "abc", "--execute"), "error: Invalid value for option '--to-offset': 'abc' is not a long");
        assertUsageError(reset("--to-datetime", "yesterday", "--execute"),
                "error: Invalid value for option '--to-datetime': 'yesterday' is not an ISO-8601 date-time");
        Run conflicting = reset("--to-offset", "3", "--to-latest", "--execute");
        assertUsageError(conflicting, "error: --");
        assertTrue(conflicting.err().contains("are mutually exclusive (specify only one)"), conflicting.err());
        assertUsageError(reset("--execute"), "error: Missing required argument (specify one of these): (--to-earliest | --to-latest");
        assertUsageError(reset("--to-latest", "--partition", "one", "--execute"), "error: Invalid value for option '--partition'");

        assertEquals(Map.of(0, 4L, 1, 10L), stored());
        assertTrue(audit.history(consumer).isEmpty());
    }

    @Test
    void aNewConsumerNeedsToBeAllowedExplicitly() {
        assertBadInput(reset("--to-latest", "--execute"), "error: unknown consumer");
        assertEquals(0, reset("--to-latest", "--execute", "--allow-new-consumer").exitCode());
        assertEquals(Map.of(0, 10L, 1, 10L, 2, 10L), stored());
    }

    private void assertBadInput(Run run, String firstLineStart) {
        assertEquals(2, run.exitCode(), () -> "exit code; err: " + run.err());
        assertTrue(run.err().startsWith(firstLineStart), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertEquals("", run.out());
    }

    private void assertUsageError(Run run, String firstLineStart) {
        assertEquals(2, run.exitCode(), () -> "exit code; err: " + run.err());
        assertTrue(run.err().startsWith(firstLineStart), run.err());
        assertTrue(run.err().lines().skip(1).allMatch(l -> l.startsWith("Try '")), run.err());
        assertEquals("", run.out());
    }
}
