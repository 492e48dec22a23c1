package dev.radiostream.offsetadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.radiostream.core.kafka.KafkaSettings;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What ServiceLauncher's pre-parse rejects as usage errors (exit 2) before Quarkus starts, and what it accepts.
 */
class CommandLineParsingTest {

    private static ResetCommand parseReset(String... args) {
        CommandLine commandLine = new CommandLine(OffsetAdminCommand.class);
        String[] all = new String[args.length + 1];
        all[0] = "reset";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = commandLine.parseArgs(all);
        return (ResetCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static String rejected(String... args) {
        return assertThrows(ParameterException.class, () -> new CommandLine(OffsetAdminCommand.class).parseArgs(args))
                .getMessage();
    }

    @Test
    void everyTargetParses() {
        assertInstanceOf(ResetTarget.ToEarliest.class, parseReset("--consumer", "c", "--topic", "t", "--to-earliest").target.toTarget());
        assertInstanceOf(ResetTarget.ToLatest.class, parseReset("--consumer", "c", "--topic", "t", "--to-latest").target.toTarget());
        assertEquals(new ResetTarget.ToOffset(42), parseReset("--consumer", "c", "--topic", "t", "--to-offset", "42").target.toTarget());
        assertEquals(new ResetTarget.ShiftBy(-5), parseReset("--consumer", "c", "--topic", "t", "--shift-by", "-5").target.toTarget());
        assertEquals(new ResetTarget.ToDatetime(Instant.parse("2024-05-01T10:00:00Z")),
                parseReset("--consumer", "c", "--topic", "t", "--to-datetime", "2024-05-01T12:00:00+02:00").target.toTarget());
    }

    @Test
    void partitionListAndFlagsParse() {
        ResetCommand reset = parseReset("--consumer", "c", "--topic", "t", "--to-latest", "--partition", "0,2",
                "--execute", "--force", "--reason", "replay");
        assertEquals(java.util.List.of(0, 2), reset.partitions);
        assertTrue(reset.execute);
        assertTrue(reset.force);
        assertEquals("replay", reset.reason);
    }

    @Test
    void twoTargetsAreAUsageError() {
        String message = rejected("reset", "--consumer", "c", "--topic", "t", "--to-offset", "3", "--to-latest");
        assertTrue(message.contains("mutually exclusive"), message);
    }

    @Test
    void noTargetIsAUsageError() {
        String message = rejected("reset", "--consumer", "c", "--topic", "t");
        assertTrue(message.contains("Missing required argument"), message);
    }

    @Test
    void nonNumericOffsetIsAUsageError() {
        String message = rejected("reset", "--consumer", "c", "--topic", "t", "--to-offset", "abc");
        assertTrue(message.contains("'abc' is not a long"), message);
        assertTrue(rejected("reset", "--consumer", "c", "--topic", "t", "--to-latest", "--partition", "x").contains("'x'"));
    }

    @Test
    void unparseableDateIsAUsageError() {
        String message = rejected("reset", "--consumer", "c", "--topic", "t", "--to-datetime", "yesterday");
        assertTrue(message.contains("'yesterday' is not an ISO-8601 date-time"), message);
    }

    @Test
    void missingConsumerIsAUsageError() {
        assertTrue(rejected("reset", "--topic", "t", "--to-latest").contains("--consumer"));
        assertTrue(rejected("delete").contains("--consumer"));
        assertTrue(rejected("history").contains("--consumer"));
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        assertTrue(rejected("list", "--output", "xml").contains("xml"));
    }

    @Test
    void helpShowsTheDefaultsFromWhereTheyLive() throws IOException {
        Properties application = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            application.load(in);
        }
        CommandLine commandLine = new CommandLine(OffsetAdminCommand.class).setUsageHelpWidth(200);
        String serve = commandLine.getSubcommands().get("serve").getUsageMessage();
        assertTrue(serve.contains("HTTP port (default: " + application.getProperty("quarkus.http.port") + ")"), serve);
        assertTrue(serve.contains("Kafka bootstrap servers (default: " + KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS + ")"), serve);
        String list = commandLine.getSubcommands().get("list").getUsageMessage();
        assertTrue(list.contains("table or json, an array for scripts (default: table)"), list);
    }

    @Test
    void dateTimeFormsAccepted() {
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), DateTimeConverter.parse("2024-05-01T12:00:00Z"));
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), DateTimeConverter.parse("2024-05-01T14:00:00+02:00"));
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), DateTimeConverter.parse("2024-05-01T12:00:00"));
        assertEquals(Instant.parse("2024-05-01T12:00:00.250Z"), DateTimeConverter.parse("2024-05-01T12:00:00.250"));
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), DateTimeConverter.parse("2024-05-01"));
    }
}
