package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.pipeline.ClientSecurity;
import dev.radiostream.pipeline.Http;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.PlaysResults;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.ServiceSpec;
import dev.radiostream.pipeline.SongCountResults;
import dev.radiostream.pipeline.SparkPlacement;
import dev.radiostream.stack.LocalStack;
import dev.radiostream.stack.StackEndpoints;
import dev.radiostream.stack.StackSecurity;
import dev.radiostream.stack.TestNames;

/**
 * On the secured stack: a wrong password, a missing trust store or an untrusted certificate make readiness DOWN
 * with one line naming the server and no secret shown, and the service is ready once the setting is fixed. (The
 * whole pipeline on the secured stack: {@link WholePipelineTest}, {@link DashboardBrowserTest}.)
 */
class WrongSecuritySettingsTest extends PipelineTestSupport {

    private static final LocalStack SECURED = WholePipelineTest.SECURED;

    @Test
    void aWrongSettingMakesReadinessDownNamingTheServerWithoutTheSecret() throws Exception {
        StackEndpoints servers = SECURED.ensureUp();
        StackSecurity security = SECURED.security();
        Path work = ROOT.resolve("system-tests/target/secured-readiness").resolve(TestNames.unique("r"));
        Files.createDirectories(work);
        Path wrongPassword = Files.writeString(work.resolve("wrong.password"), "Wrong-Passw0rd-For-Test\n");
        Path untrusted = untrustedTrustStore(work, security);

        Map<String, String> good = new LinkedHashMap<>(security.serviceEnvironment(servers));
        good.put("CASSANDRA_KEYSPACE", TestNames.unique("ks").replace('-', '_'));

        String cassandraPassword = readiness(work, good, Map.of("CASSANDRA_PASSWORD_FILE", wrongPassword.toString()), "cassandra");
        assertTrue(cassandraPassword.contains("DOWN " + servers.cassandraHostAndPort()), cassandraPassword);
        String kafkaPassword = readiness(work, good, Map.of("KAFKA_SASL_PASSWORD_FILE", wrongPassword.toString()), "kafka");
        assertTrue(kafkaPassword.contains("DOWN " + servers.kafkaBootstrapServers()), kafkaPassword);
        String missingTrustStore = readiness(work, good, Map.of("CASSANDRA_TRUSTSTORE_PATH", work.resolve("missing.p12").toString()), "cassandra");
        assertTrue(missingTrustStore.contains("missing.p12"), missingTrustStore);
        String untrustedKafka = readiness(work, good, Map.of("KAFKA_TRUSTSTORE_PATH", untrusted.toString()), "kafka");
        assertTrue(untrustedKafka.contains("DOWN"), untrustedKafka);
        String untrustedCassandra = readiness(work, good, Map.of("CASSANDRA_TRUSTSTORE_PATH", untrusted.toString()), "cassandra");
        assertTrue(untrustedCassandra.contains("DOWN"), untrustedCassandra);

        String fixed = readiness(work, good, Map.of(), null);
        assertTrue(fixed.contains("\"status\":\"UP\""), "ready once the settings are right: " + fixed);

        List<String> secrets = new ArrayList<>(security.secrets());
        secrets.add("Wrong-Passw0rd-For-Test");
        WholePipelineTest.assertNoSecret(secrets, WholePipelineTest.logs(work), String.join("\n", cassandraPassword, kafkaPassword, missingTrustStore,
                untrustedKafka, untrustedCassandra, fixed));
    }

    /**
     * offset-admin-service (no Spark: quick to start) serving with the good settings plus {@code change}; its
     * readiness answer once the check of {@code server} is DOWN (or, with null, once everything is UP).
     */
    private static String readiness(Path work, Map<String, String> good, Map<String, String> change, String server)
            throws Exception {
        Map<String, String> env = new LinkedHashMap<>(good);
        env.putAll(change);
        ServiceSpec spec = new ServiceSpec(TestNames.unique("offset-admin"), "offset-admin-service", freePort(),
                List.of("serve"), env);
        ServiceProcess process = new ServiceProcess(spec, work);
        process.start(ROOT, "256m");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                Optional<JsonNode> answer = Http.get(spec.baseUrl() + "/q/health/ready");
                if (answer.isPresent()) {
                    last = answer.get().toString();
                    JsonNode serverCheck = server == null ? null : answer.get().path("checks").findValue(server);
                    String check = serverCheck == null ? "" : serverCheck.asText();
                    if (server == null ? answer.get().path("status").asText().equals("UP") : check.startsWith("DOWN")) {
                        return server == null ? last : server + ": " + check;
                    }
                }
                Thread.sleep(1000);
            }
            throw new AssertionError("readiness never showed the expected state for " + change + ": " + last);
        } finally {
            process.stop(Duration.ofSeconds(20));
        }
    }

    /** A trust store holding some other self-signed certificate: the stack's is not trusted by it. */
    private static Path untrustedTrustStore(Path work, StackSecurity security) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path other = work.resolve("other.p12");
        Path cert = work.resolve("other.crt");
        Path truststore = work.resolve("untrusted.p12");
        String password = security.storePassword();
        run(keytool.toString(), "-genkeypair", "-alias", "other", "-keyalg", "RSA", "-dname", "CN=localhost", "-ext",
                "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", other.toString(), "-storepass", password);
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "other", "-keystore", other.toString(), "-storepass",
                password, "-file", cert.toString());
        run(keytool.toString(), "-importcert", "-noprompt", "-alias", "other", "-file", cert.toString(), "-storetype",
                "PKCS12", "-keystore", truststore.toString(), "-storepass", password);
        return truststore;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "keytool: " + output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
