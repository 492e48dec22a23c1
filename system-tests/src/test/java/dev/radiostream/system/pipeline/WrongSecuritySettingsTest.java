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
        Fixture f = new Fixture();
        StackEndpoints servers = f.servers;

        String cassandraPassword = readiness(f, Service.OFFSET_ADMIN, Map.of("CASSANDRA_PASSWORD_FILE", f.wrongPassword), "cassandra");
        assertTrue(cassandraPassword.contains("DOWN " + servers.cassandraHostAndPort()), cassandraPassword);
        String kafkaPassword = readiness(f, Service.OFFSET_ADMIN, Map.of("KAFKA_SASL_PASSWORD_FILE", f.wrongPassword), "kafka");
        assertTrue(kafkaPassword.contains("DOWN " + servers.kafkaBootstrapServers()), kafkaPassword);
        String missingTrustStore = readiness(f, Service.OFFSET_ADMIN,
                Map.of("CASSANDRA_TRUSTSTORE_PATH", f.work.resolve("missing.p12").toString()), "cassandra");
        assertTrue(missingTrustStore.contains("missing.p12"), missingTrustStore);
        String untrustedKafka = readiness(f, Service.OFFSET_ADMIN, Map.of("KAFKA_TRUSTSTORE_PATH", f.untrusted), "kafka");
        assertTrue(untrustedKafka.contains("DOWN"), untrustedKafka);
        String untrustedCassandra = readiness(f, Service.OFFSET_ADMIN, Map.of("CASSANDRA_TRUSTSTORE_PATH", f.untrusted), "cassandra");
        assertTrue(untrustedCassandra.contains("DOWN"), untrustedCassandra);

        String fixed = readiness(f, Service.OFFSET_ADMIN, Map.of(), null);
        assertTrue(fixed.contains("\"status\":\"UP\""), "ready once the settings are right: " + fixed);

        f.assertNoSecret(cassandraPassword, kafkaPassword, missingTrustStore, untrustedKafka, untrustedCassandra, fixed);
    }

    /**
     * The same for Elasticsearch, with kafka-to-elastic-service: offset-admin does not check Elasticsearch in its
     * readiness. Its probe answers while the query keeps failing to create its index, so no Spark work is waited for.
     */
    @Test
    void aWrongElasticsearchSettingMakesKafkaToElasticReadinessDownWithoutTheSecret() throws Exception {
        Fixture f = new Fixture();
        String elasticsearch = f.good.get("ELASTICSEARCH_URL");

        String wrongPassword = readiness(f, Service.kafkaToElastic(), Map.of("ELASTICSEARCH_PASSWORD_FILE", f.wrongPassword), "elasticsearch");
        assertTrue(wrongPassword.contains("DOWN " + elasticsearch) && wrongPassword.contains("401"), wrongPassword);
        String untrusted = readiness(f, Service.kafkaToElastic(), Map.of("ELASTICSEARCH_TRUSTSTORE_PATH", f.untrusted), "elasticsearch");
        assertTrue(untrusted.contains("DOWN " + elasticsearch), untrusted);

        f.assertNoSecret(wrongPassword, untrusted);
    }

    /** The secured stack's settings for the services, a wrong password file and a trust store of another certificate. */
    private static final class Fixture {
        final StackEndpoints servers = SECURED.ensureUp();
        final StackSecurity security = SECURED.security();
        final Path work = ROOT.resolve("system-tests/target/secured-readiness").resolve(TestNames.unique("r"));
        final Map<String, String> good = new LinkedHashMap<>(security.serviceEnvironment(servers));
        final String wrongPassword;
        final String untrusted;

        Fixture() throws Exception {
            Files.createDirectories(work);
            wrongPassword = Files.writeString(work.resolve("wrong.password"), WRONG_PASSWORD + "\n").toString();
            untrusted = untrustedTrustStore(work, security).toString();
            good.put("CASSANDRA_KEYSPACE", TestNames.unique("ks").replace('-', '_'));
        }

        /** No password of the stack, nor the wrong one, in the services' logs or their answers. */
        void assertNoSecret(String... answers) throws IOException {
            List<String> secrets = new ArrayList<>(security.secrets());
            secrets.add(WRONG_PASSWORD);
            WholePipelineTest.assertNoSecret(secrets, WholePipelineTest.logs(work), String.join("\n", answers));
        }
    }

    private static final String WRONG_PASSWORD = "Wrong-Passw0rd-For-Test";

    /** A service to start: its module, heap and command line. */
    private record Service(String module, String heap, List<String> args) {

        /** offset-admin serving: no Spark, quick to start. */
        static final Service OFFSET_ADMIN = new Service("offset-admin-service", "256m", List.of("serve"));

        /** kafka-to-elastic on a topic and index of its own (readiness checks Kafka, Cassandra and Elasticsearch). */
        static Service kafkaToElastic() {
            String name = TestNames.unique("secured-readiness");
            return new Service("kafka-to-elastic-service", "768m", List.of("run", "--topic", name, "--index", name));
        }
    }

    /**
     * The service started with the good settings plus {@code change}; its readiness answer once the check of
     * {@code server} is DOWN (or, with null, once everything is UP).
     */
    private static String readiness(Fixture fixture, Service service, Map<String, String> change, String server)
            throws Exception {
        Map<String, String> env = new LinkedHashMap<>(fixture.good);
        env.putAll(change);
        ServiceSpec spec = new ServiceSpec(TestNames.unique(service.module().replace("-service", "")), service.module(),
                freePort(), service.args(), env);
        ServiceProcess process = new ServiceProcess(spec, fixture.work);
        process.start(ROOT, service.heap());
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
