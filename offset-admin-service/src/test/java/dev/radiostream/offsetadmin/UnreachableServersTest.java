package dev.radiostream.offsetadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** A server that does not answer: one line {@code error: ...}, exit code 1, within a bounded time, no stack trace. */
class UnreachableServersTest {

    private static void assertOneLineError(LaunchResult result, long startedNanos, String start) {
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        assertEquals(1, result.exitCode(), result.getErrorOutput());
        String errorLine = result.getErrorOutput().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertTrue(errorLine.startsWith(start), result.getErrorOutput());
        assertTrue(result.getErrorOutput().lines().noneMatch(l -> l.trim().startsWith("at ")), "no stack trace: "
                + result.getErrorOutput());
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    /** Kafka on a port where nothing listens; Cassandra of the local stack. */
    public static class KafkaDown implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(new StackResource().start());
            config.put("kafka.bootstrap-servers", "127.0.0.1:1");
            config.put("kafka.request-timeout", "2s");
            return config;
        }

        @Override
        public void stop() {
        }
    }

    /** Cassandra on a port where nothing listens. */
    public static class CassandraDown implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("cassandra.contact-points", "127.0.0.1:1", "cassandra.request-timeout", "2s",
                    "kafka.bootstrap-servers", "127.0.0.1:1", "kafka.request-timeout", "2s");
        }

        @Override
        public void stop() {
        }
    }

    @Nested
    @QuarkusMainTest
    @WithTestResource(KafkaDown.class)
    class WithoutKafka {
        @Test
        void resetFailsWithOneLine(QuarkusMainLauncher launcher) {
            long started = System.nanoTime();
            LaunchResult result = launcher.launch("reset", "--consumer", "c", "--topic", "t", "--to-latest",
                    "--allow-new-consumer", "--execute");
            assertOneLineError(result, started, "error: Kafka at 127.0.0.1:1 ");
        }
    }

    @Nested
    @QuarkusMainTest
    @WithTestResource(CassandraDown.class)
    class WithoutCassandra {
        @Test
        void listFailsWithOneLine(QuarkusMainLauncher launcher) {
            long started = System.nanoTime();
            LaunchResult result = launcher.launch("list");
            assertOneLineError(result, started, "error: Cassandra at 127.0.0.1:1 is not reachable: ");
        }
    }
}
