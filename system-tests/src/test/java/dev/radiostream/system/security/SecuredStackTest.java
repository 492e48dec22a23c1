package dev.radiostream.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;

import dev.radiostream.stack.LocalStack;
import dev.radiostream.stack.StackEndpoints;
import dev.radiostream.stack.StackSecurity;

/**
 * The secured stack is really secured: each server refuses an anonymous client (and a wrong password), and
 * answers the stack's own user; no server log shows a password.
 */
class SecuredStackTest {

    private static StackEndpoints servers;
    private static StackSecurity security;

    @BeforeAll
    static void securedStack() {
        LocalStack stack = LocalStack.secured();
        servers = stack.ensureUp();
        security = stack.security();
    }

    @Test
    void kafkaRefusesAPlaintextClientAndAWrongPassword() {
        Properties plaintext = kafka();
        ExecutionException anonymous = assertThrows(ExecutionException.class, () -> describe(plaintext));
        assertFalse(anonymous.getCause() instanceof SaslAuthenticationException, "no login was even tried");

        Properties wrongPassword = kafka();
        wrongPassword.putAll(security.kafkaClientProperties());
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"" + StackSecurity.KAFKA_USER + "\" password=\"not-the-password\";");
        ExecutionException refused = assertThrows(ExecutionException.class, () -> describe(wrongPassword));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.getCause().toString());

        Properties user = kafka();
        user.putAll(security.kafkaClientProperties());
        assertDoesNotFail(() -> describe(user));
    }

    @Test
    void cassandraRefusesAnAnonymousClientAndAPlainConnection() {
        AllNodesFailedException anonymous = assertThrows(AllNodesFailedException.class,
                () -> cassandra().withSslContext(security.sslContext()).build().close());
        assertTrue(anonymous.getAllErrors().values().stream().flatMap(List::stream)
                .anyMatch(error -> error instanceof AuthenticationException), anonymous.getMessage());

        assertThrows(AllNodesFailedException.class, () -> cassandra()
                .withAuthCredentials(StackSecurity.CASSANDRA_USER, security.cassandraPassword()).build().close(),
                "a connection without TLS is refused even with the right password");

        try (CqlSession session = cassandra().withSslContext(security.sslContext())
                .withAuthCredentials(StackSecurity.CASSANDRA_USER, security.cassandraPassword()).build()) {
            assertEquals(1, session.execute("SELECT release_version FROM system.local").all().size());
        }
    }

    @Test
    void elasticsearchRefusesAnAnonymousRequestAndPlainHttp() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(security.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        URI root = URI.create(servers.elasticsearchUrl() + "/");
        assertTrue(servers.elasticsearchUrl().startsWith("https://"), servers.elasticsearchUrl());

        assertEquals(401, client.send(HttpRequest.newBuilder(root).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        URI plain = URI.create(servers.elasticsearchUrl().replace("https://", "http://") + "/");
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain)
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()));

        assertEquals(200, client.send(HttpRequest.newBuilder(root).header("Authorization", security.elasticsearchAuthorization())
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void noServerLogShowsAPassword() throws IOException {
        Path runDir = security.dir().getParent();
        List<Path> logs;
        try (Stream<Path> files = Files.walk(runDir)) {
            logs = files.filter(file -> file.toString().endsWith(".log") && Files.isRegularFile(file)).toList();
        }
        assertTrue(logs.size() >= 3, "the three servers' logs: " + logs);
        for (Path log : logs) {
            String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String secret : security.secrets()) {
                assertFalse(text.contains(secret), log + " shows a password");
            }
        }
    }

    private static Properties kafka() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        return properties;
    }

    private static void describe(Properties properties) throws Exception {
        try (Admin admin = Admin.create(properties)) {
            assertFalse(admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).isEmpty());
        }
    }

    private static CqlSessionBuilder cassandra() {
        return CqlSession.builder().addContactPoint(new InetSocketAddress(servers.cassandraHost(), servers.cassandraPort()))
                .withLocalDatacenter(servers.cassandraLocalDatacenter());
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void assertDoesNotFail(Action action) {
        try {
            action.run();
        } catch (Exception e) {
            throw new AssertionError("the stack's own user was refused: " + e, e);
        }
    }
}
