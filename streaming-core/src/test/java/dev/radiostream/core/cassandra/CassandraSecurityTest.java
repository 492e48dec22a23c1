package dev.radiostream.core.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CassandraSecurityTest {

    private final CassandraSecurity secured = new CassandraSecurity("app", "cass-secret", true, "/certs/truststore.p12",
            "trust-secret", true);

    @Test
    void connectorGetsLoginAndTrustInItsOwnNames() {
        assertEquals(Map.of(
                "spark.cassandra.auth.username", "app",
                "spark.cassandra.auth.password", "cass-secret",
                "spark.cassandra.connection.ssl.enabled", "true",
                "spark.cassandra.connection.ssl.trustStore.path", "/certs/truststore.p12",
                "spark.cassandra.connection.ssl.trustStore.type", "PKCS12",
                "spark.cassandra.connection.ssl.trustStore.password", "trust-secret"), secured.connectorOptions());
        assertEquals(Map.of(), CassandraSecurity.NONE.connectorOptions());
    }

    @Test
    void printedWithoutPasswords() {
        String printed = new CassandraEndpoint("h:9042", "dc1", "ks", 1, "dc1", 1000, secured).toString();
        assertFalse(printed.contains("cass-secret") || printed.contains("trust-secret"), printed);
        assertTrue(printed.contains("username=app"), printed);
    }

    @Test
    void aUserWithoutPasswordIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CassandraSecurity("app", null, false, null, null, true));
    }
}
