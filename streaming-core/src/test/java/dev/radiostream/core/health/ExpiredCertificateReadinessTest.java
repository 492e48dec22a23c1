package dev.radiostream.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.radiostream.core.elasticsearch.ElasticsearchClient;
import dev.radiostream.core.elasticsearch.ElasticsearchSettings;

/**
 * A server presenting an expired certificate, signed by a CA the client trusts: readiness is DOWN with one line
 * naming the server and saying the certificate expired, and no secret. (The secured stack's servers cannot be given
 * an expired certificate without a start of their own; the check is the JVM's TLS, the same for Kafka's and
 * Cassandra's clients, and the line is {@link Messages#oneLine}, the same for every probe.)
 */
class ExpiredCertificateReadinessTest {

    private static final String STORE_PASSWORD = "Store-Secret-4711";
    private static final String ES_PASSWORD = "Es-Secret-0815";

    @TempDir
    Path dir;

    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anExpiredServerCertificateGivesOneLineNamingTheServer() throws Exception {
        Path truststore = expiredServerCertificate();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(dir.resolve("server.p12"))));
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        String url = "https://127.0.0.1:" + server.getAddress().getPort();
        ElasticsearchClient client = new ElasticsearchClient(settings(url, truststore));
        DependencyProbe probe = new DependencyProbe() {
            @Override
            public String name() {
                return "elasticsearch";
            }

            @Override
            public String address() {
                return client.address();
            }

            @Override
            public void check() throws Exception {
                client.send(client.request("/").GET());
            }
        };

        HealthCheckResponse response = new DependenciesReadinessCheck(List.of(probe)).call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        String line = response.getData().orElseThrow().get("elasticsearch").toString();
        assertTrue(line.startsWith("DOWN " + url + ": "), line);
        assertTrue(line.contains("certificate expired"), line);
        assertFalse(line.contains("\n"), line);
        assertFalse(line.contains(STORE_PASSWORD) || line.contains(ES_PASSWORD), line);
    }

    /**
     * A CA valid today, and the server's key (server.p12) with a certificate the CA signed that expired days ago;
     * returns a trust store of the CA. (A trust store holding the expired certificate itself would not do: the JVM
     * does not check the validity of a trust anchor.)
     */
    private Path expiredServerCertificate() throws Exception {
        String ca = dir.resolve("ca.p12").toString();
        String server = dir.resolve("server.p12").toString();
        String caCert = dir.resolve("ca.crt").toString();
        String request = dir.resolve("server.csr").toString();
        String serverCert = dir.resolve("server.crt").toString();
        Path truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-dname", "CN=test-ca", "-ext", "bc:c", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", ca, "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", STORE_PASSWORD, "-file", caCert);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-dname", "CN=localhost", "-storetype", "PKCS12",
                "-keystore", server, "-storepass", STORE_PASSWORD);
        keytool("-certreq", "-alias", "server", "-keystore", server, "-storepass", STORE_PASSWORD, "-file", request);
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", STORE_PASSWORD, "-infile", request,
                "-outfile", serverCert, "-startdate", "-10d", "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert, "-keystore", server, "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-alias", "server", "-file", serverCert, "-keystore", server, "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert, "-storetype", "PKCS12", "-keystore",
                truststore.toString(), "-storepass", STORE_PASSWORD);
        return truststore;
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static ElasticsearchSettings settings(String url, Path truststore) {
        return new SmallRyeConfigBuilder()
                .withMapping(ElasticsearchSettings.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "elasticsearch.url", url,
                        // plain SmallRye: no Quarkus duration converter
                        "elasticsearch.request-timeout", "PT10S",
                        "elasticsearch.probe-timeout", "PT5S",
                        "elasticsearch.username", "radiostream",
                        "elasticsearch.password", ES_PASSWORD,
                        "elasticsearch.truststore-path", truststore.toString(),
                        "elasticsearch.truststore-password", STORE_PASSWORD), "test", 100))
                .build()
                .getConfigMapping(ElasticsearchSettings.class);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "keytool " + args[0] + ": " + output);
    }
}
