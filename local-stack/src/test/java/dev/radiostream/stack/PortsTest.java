package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {

    @TempDir
    Path runDir;

    @Test
    void aListeningPortIsInUseAndFreeAgainOnceClosed() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = listener.getLocalPort();
            assertTrue(Ports.isInUse("127.0.0.1", port));
            assertTrue(Ports.acceptsConnections("127.0.0.1", port, Duration.ofSeconds(1)));
        }
        assertFalse(Ports.isInUse("127.0.0.1", port));
        assertFalse(Ports.acceptsConnections("127.0.0.1", port, Duration.ofMillis(500)));
    }

    @Test
    void aListenerOnAllAddressesAlsoBlocksLoopback() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("0.0.0.0", 0));
            assertTrue(Ports.isInUse("127.0.0.1", listener.getLocalPort()));
        }
    }

    /** The stack refuses to start a server whose port another program holds, with one line naming both. */
    @Test
    void upRefusesABusyPortBeforeStartingAnything() throws IOException {
        try (ServerSocket intruder = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             ServerSocket freeController = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int busyPort = intruder.getLocalPort();
            int controllerPort = freeController.getLocalPort();
            freeController.close();
            StackConfig config = StackConfig.from(
                    Map.of("STACK_RUN_DIR", runDir.toString(),
                            "STACK_KAFKA_PORT", Integer.toString(busyPort),
                            "STACK_KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort)),
                    Map.of(), runDir, StackConfig.loadServerVersions());
            StackController controller = new StackController(config, line -> { });

            StackException error = assertThrows(StackException.class, () -> controller.up(controller.select(List.of("kafka"))));

            assertEquals("kafka: port " + busyPort + " on 127.0.0.1 is already in use by another process", error.getMessage());
            assertTrue(controller.locate(controller.select(List.of("kafka")).get(0)).isEmpty(), "nothing was started");
        }
    }

    @Test
    void unknownServerNamesAreRejectedWithTheValidOnes() {
        StackConfig config = StackConfig.from(Map.of("STACK_RUN_DIR", runDir.toString()), Map.of(), runDir,
                StackConfig.loadServerVersions());
        StackController controller = new StackController(config, line -> { });

        StackException error = assertThrows(StackException.class, () -> controller.select(List.of("redis")));

        assertEquals("unknown server 'redis' (one of: kafka, cassandra, elasticsearch, spark-master, spark-worker-1,"
                + " spark-worker-2, spark-cluster)", error.getMessage());
        assertEquals(List.of("cassandra"), controller.select(List.of("Cassandra", "cassandra")).stream().map(StackServer::name).toList());
    }
}
