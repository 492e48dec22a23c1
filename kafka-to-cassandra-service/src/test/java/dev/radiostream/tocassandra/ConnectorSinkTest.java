package dev.radiostream.tocassandra;

import java.util.Map;

import dev.radiostream.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The connector sink style (foreachBatch + Spark Cassandra Connector) meets the sink contract. */
@QuarkusTest
@TestProfile(ConnectorSinkTest.Connector.class)
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "unique", value = "cassandra.keyspace,kafka-to-cassandra.topic"))
class ConnectorSinkTest extends SinkContractTest {

    public static class Connector implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka-to-cassandra.sink-style", "connector");
        }
    }
}
