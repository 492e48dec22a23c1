package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading the master's GET /json/ (shape as Spark 3.5's JsonProtocol writes it, trimmed). */
class SparkClusterJsonTest {

    private static final String MASTER_JSON = """
            {
              "url" : "spark://127.0.0.1:27077",
              "workers" : [ {
                "id" : "worker-1", "host" : "127.0.0.1", "port" : 44373,
                "webuiaddress" : "http://127.0.0.1:28091",
                "cores" : 6, "resources" : { }, "state" : "DEAD", "lastheartbeat" : 1
              }, {
                "id" : "worker-2", "host" : "127.0.0.1", "port" : 43019,
                "webuiaddress" : "http://127.0.0.1:28092",
                "cores" : 6, "resources" : { }, "state" : "ALIVE", "lastheartbeat" : 2
              }, {
                "id" : "worker-3", "host" : "127.0.0.1", "port" : 43020,
                "webuiaddress" : "http://127.0.0.1:28091",
                "cores" : 6, "resources" : { }, "state" : "ALIVE", "lastheartbeat" : 3
              } ],
              "aliveworkers" : 2,
              "activeapps" : [ { "id" : "app-1", "name" : "producer-song-counts", "cores" : 2, "state" : "RUNNING" },
                               { "id" : "app-2", "name" : "kafka-to-cassandra-connector", "cores" : 2, "state" : "RUNNING" } ],
              "completedapps" : [ { "id" : "app-0", "name" : "an-old-one", "state" : "FINISHED" } ],
              "status" : "ALIVE"
            }""";

    @Test
    void aRestartedWorkerIsAliveEvenWithADeadEntryOfItsEarlierRun() {
        assertTrue(SparkWorkerServer.isAliveIn(MASTER_JSON, "http://127.0.0.1:28091"));
        assertTrue(SparkWorkerServer.isAliveIn(MASTER_JSON, "http://127.0.0.1:28092"));
        assertFalse(SparkWorkerServer.isAliveIn(MASTER_JSON, "http://127.0.0.1:28093"));
        assertFalse(SparkWorkerServer.isAliveIn(MASTER_JSON.replace("\"ALIVE\", \"lastheartbeat\" : 3", "\"DEAD\""),
                "http://127.0.0.1:28091"));
    }

    @Test
    void theStateListsAliveWorkersAndOnlyTheRunningApplications() {
        SparkCluster.MasterState state = SparkCluster.parseState(MASTER_JSON);

        assertEquals("ALIVE", state.status());
        assertEquals(2, state.aliveWorkers());
        assertEquals(List.of("producer-song-counts", "kafka-to-cassandra-connector"), state.runningApps());
    }
}
