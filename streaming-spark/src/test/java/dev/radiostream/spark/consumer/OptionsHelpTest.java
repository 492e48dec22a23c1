package dev.radiostream.spark.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.radiostream.core.cassandra.CassandraSettings;
import dev.radiostream.core.cli.ConfigFileDefaults;
import dev.radiostream.core.kafka.KafkaSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** A consumer's --help shows each default from where it lives: a mapping's constant, or the shared configuration file. */
class OptionsHelpTest {

    /** A run command as the consumers declare theirs. */
    @Command(name = "run", defaultValueProvider = ConfigFileDefaults.class)
    static class Run {
        @Mixin
        ConsumerOptions consumer;
    }

    @Test
    void helpShowsTheDefaultsFromWhereTheyLive() throws IOException {
        Properties shared = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            shared.load(in);
        }
        String help = new CommandLine(new Run()).setUsageHelpWidth(200).getUsageMessage();

        assertEquals(shared.getProperty("spark.master"), defaultOf(help, "--spark-master"), help);
        assertEquals(shared.getProperty("spark.executor.memory"), defaultOf(help, "--executor-memory"), help);
        assertEquals(shared.getProperty("spark.executor.cores"), defaultOf(help, "--executor-cores"), help);
        assertEquals(shared.getProperty("spark.cores.max"), defaultOf(help, "--cores-max"), help);
        assertEquals(ConsumerSettings.DEFAULT_MAX_OFFSETS_PER_TRIGGER, defaultOf(help, "--max-offsets-per-trigger"), help);
        assertEquals(KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS, defaultOf(help, "--bootstrap-servers"), help);
        assertEquals(CassandraSettings.DEFAULT_CONTACT_POINTS, defaultOf(help, "--cassandra"), help);
        assertEquals(CassandraSettings.DEFAULT_KEYSPACE, defaultOf(help, "--keyspace"), help);
    }

    /** What "(default: X)" says in an option's description: on its line, or the next one after a long option. */
    private static String defaultOf(String help, String option) {
        List<String> lines = help.lines().map(String::strip).toList();
        int at = IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith(option + "=")).findFirst()
                .orElseThrow(() -> new AssertionError(option + " not in:\n" + help));
        String entry = lines.get(at) + (at + 1 < lines.size() && !lines.get(at + 1).startsWith("--") ? " " + lines.get(at + 1) : "");
        int start = entry.indexOf("(default: ");
        return start < 0 ? null : entry.substring(start + "(default: ".length(), entry.lastIndexOf(')'));
    }
}
