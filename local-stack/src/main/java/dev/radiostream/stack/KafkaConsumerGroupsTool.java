package dev.radiostream.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kafka's own {@code kafka-consumer-groups --describe --group G}, run as its distribution runs it (the class
 * org.apache.kafka.tools.consumer.group.ConsumerGroupCommand on Kafka's tools classpath, resolved from Maven
 * Central once and cached in the stack's run directory), for tests that check what an operator would see.
 */
public final class KafkaConsumerGroupsTool {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** One line of the tool's answer: a partition's committed offset, Kafka's end offset and the lag. */
    public record PartitionPosition(long currentOffset, long logEndOffset, long lag) {
    }

    private KafkaConsumerGroupsTool() {
    }

    /** The tool's whole output (stdout and stderr) for {@code --describe --group group}; fails on a non-zero exit. */
    public static String describe(String bootstrapServers, String group) throws IOException {
        StackConfig config = StackConfig.load();
        List<Path> classpath = new ArrayList<>(new ArtifactResolver(config, line -> System.out.println(line))
                .classpath("kafka-tools", config.kafkaVersion(),
                        config.runDir().resolve("kafka").resolve("tools-classpath-" + config.kafkaVersion() + ".txt")));
        List<String> command = List.of(
                JavaRuntime.javaExecutable(JavaRuntime.findJava17Home(System.getenv())).toString(), "-Xmx128m",
                "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
                "--bootstrap-server", bootstrapServers, "--describe", "--group", group);
        ProcessLauncher.Completed result = ProcessLauncher.run(command, config.runDir(), Map.of(), TIMEOUT);
        if (result.exitCode() != 0) {
            throw new StackException("kafka-consumer-groups --describe --group " + group + " failed (exit "
                    + result.exitCode() + "): " + result.output().trim());
        }
        return result.output();
    }

    /** The tool's rows of one topic by partition (columns GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...). */
    public static Map<Integer, PartitionPosition> positions(String toolOutput, String group, String topic) {
        Map<Integer, PartitionPosition> positions = new TreeMap<>();
        for (String line : toolOutput.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 6 && columns[0].equals(group) && columns[1].equals(topic)) {
                positions.put(Integer.parseInt(columns[2]), new PartitionPosition(number(columns[3]),
                        number(columns[4]), number(columns[5])));
            }
        }
        return positions;
    }

    /** The tool writes "-" where it has no value. */
    private static long number(String column) {
        return column.equals("-") ? -1 : Long.parseLong(column);
    }
}
