package dev.radiostream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

/**
 * The secured stack's certificate and passwords ({@code ./stack up --secure}), made once under
 * {@code <run dir>/security/} and kept, so that clients configured from them keep working across restarts:
 * <ul>
 * <li>{@code keystore.p12}: one self-signed server certificate for localhost / 127.0.0.1, used by all three servers
 * (and {@code http.crt} + {@code http.key}, the same as PEM, for Elasticsearch);</li>
 * <li>{@code truststore.p12}: that certificate, what clients trust;</li>
 * <li>{@code *.password}: random passwords (store, Kafka user, Cassandra user, Elasticsearch user), files readable
 * by the owner only, meant for the services' {@code *_PASSWORD_FILE} variables;</li>
 * <li>{@code services.env}: the services' environment for this stack (no password in it, only the files).</li>
 * </ul>
 */
public final class StackSecurity {

    /** Kafka's SASL/PLAIN user (the broker's own inter-broker login as well). */
    public static final String KAFKA_USER = "radiostream";
    /** Cassandra's built-in superuser, whose default password the stack replaces at the first secured start. */
    public static final String CASSANDRA_USER = "cassandra";
    static final String CASSANDRA_DEFAULT_PASSWORD = "cassandra";
    /** Elasticsearch's file-realm user (role superuser). */
    public static final String ELASTICSEARCH_USER = "radiostream";

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofMinutes(1);

    private final Path dir;

    StackSecurity(Path runDir) {
        this.dir = runDir.resolve("security");
    }

    /** The security material of the stack in this run directory (made by the first secured start). */
    public static StackSecurity of(StackConfig config) {
        return new StackSecurity(config.runDir());
    }

    public Path dir() {
        return dir;
    }

    public Path keystore() {
        return dir.resolve("keystore.p12");
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public Path certificatePem() {
        return dir.resolve("http.crt");
    }

    public Path privateKeyPem() {
        return dir.resolve("http.key");
    }

    public Path storePasswordFile() {
        return dir.resolve("store.password");
    }

    public Path kafkaPasswordFile() {
        return dir.resolve("kafka.password");
    }

    public Path cassandraPasswordFile() {
        return dir.resolve("cassandra.password");
    }

    public Path elasticsearchPasswordFile() {
        return dir.resolve("elasticsearch.password");
    }

    public String storePassword() {
        return read(storePasswordFile());
    }

    public String kafkaPassword() {
        return read(kafkaPasswordFile());
    }

    public String cassandraPassword() {
        return read(cassandraPasswordFile());
    }

    public String elasticsearchPassword() {
        return read(elasticsearchPasswordFile());
    }

    /** Every secret of the stack, e.g. for a test that checks that no log shows one. */
    public List<String> secrets() {
        return List.of(storePassword(), kafkaPassword(), cassandraPassword(), elasticsearchPassword());
    }

    /** Makes the certificate and passwords unless they exist. Idempotent; safe when several servers prepare at once. */
    synchronized void ensureCreated(Path javaHome) throws IOException {
        if (Files.exists(dir.resolve("complete"))) {
            return;
        }
        ArtifactResolver.deleteRecursively(dir);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        for (Path file : List.of(storePasswordFile(), kafkaPasswordFile(), cassandraPasswordFile(), elasticsearchPasswordFile())) {
            writePrivate(file, randomPassword());
        }
        String storePassword = storePassword();
        Path keytool = javaHome.resolve("bin").resolve("keytool");
        keytool(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost, O=radiostream local stack", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "825", "-storetype", "PKCS12", "-keystore", keystore().toString(), "-storepass:file",
                storePasswordFile().toString());
        keytool(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore().toString(), "-storepass:file",
                storePasswordFile().toString(), "-file", certificatePem().toString());
        keytool(keytool, "-importcert", "-noprompt", "-alias", "localstack", "-file", certificatePem().toString(),
                "-storetype", "PKCS12", "-keystore", truststore().toString(), "-storepass:file", storePasswordFile().toString());
        writePrivate(privateKeyPem(), privateKeyPem(keystore(), storePassword));
        Files.writeString(dir.resolve("complete"), "");
    }

    /** The services' environment variables for a stack at these endpoints (passwords as *_FILE, never inline). */
    public Map<String, String> serviceEnvironment(StackEndpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers());
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "PLAIN");
        env.put("KAFKA_SASL_USERNAME", KAFKA_USER);
        env.put("KAFKA_SASL_PASSWORD_FILE", kafkaPasswordFile().toString());
        env.put("KAFKA_TRUSTSTORE_PATH", truststore().toString());
        env.put("KAFKA_TRUSTSTORE_PASSWORD_FILE", storePasswordFile().toString());
        env.put("CASSANDRA_CONTACT_POINTS", endpoints.cassandraHostAndPort());
        env.put("CASSANDRA_USERNAME", CASSANDRA_USER);
        env.put("CASSANDRA_PASSWORD_FILE", cassandraPasswordFile().toString());
        env.put("CASSANDRA_SSL", "true");
        env.put("CASSANDRA_TRUSTSTORE_PATH", truststore().toString());
        env.put("CASSANDRA_TRUSTSTORE_PASSWORD_FILE", storePasswordFile().toString());
        env.put("ELASTICSEARCH_URL", endpoints.elasticsearchUrl());
        env.put("ELASTICSEARCH_USERNAME", ELASTICSEARCH_USER);
        env.put("ELASTICSEARCH_PASSWORD_FILE", elasticsearchPasswordFile().toString());
        env.put("ELASTICSEARCH_TRUSTSTORE_PATH", truststore().toString());
        env.put("ELASTICSEARCH_TRUSTSTORE_PASSWORD_FILE", storePasswordFile().toString());
        return env;
    }

    /** Writes {@code services.env} (sourceable: {@code set -a; . .run/stack/security/services.env; set +a}). */
    void writeServiceEnvironment(StackEndpoints endpoints) throws IOException {
        StringBuilder text = new StringBuilder("# The services' settings for the secured local stack (./stack up --secure).\n");
        serviceEnvironment(endpoints).forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Files.writeString(dir.resolve("services.env"), text.toString());
    }

    /** The Kafka client properties of the stack's own user (readiness checks, tests). */
    public Properties kafkaClientProperties() {
        Properties properties = new Properties();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", "PLAIN");
        properties.put("sasl.jaas.config", plainLogin(KAFKA_USER, kafkaPassword()));
        properties.put("ssl.truststore.location", truststore().toString());
        properties.put("ssl.truststore.type", "PKCS12");
        properties.put("ssl.truststore.password", storePassword());
        return properties;
    }

    static String plainLogin(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** A TLS context trusting the stack's certificate only, built by Kafka's client SSL factory from the same settings. */
    public SSLContext sslContext() {
        Properties trust = kafkaClientProperties();
        trust.keySet().removeIf(key -> !key.toString().startsWith("ssl."));
        try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
            factory.configure(new ConfigDef().withClientSslSupport().parse(trust));
            return factory.sslContext();
        }
    }

    /** The Authorization header value of the stack's Elasticsearch user. */
    public String elasticsearchAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ELASTICSEARCH_USER + ":" + elasticsearchPassword())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The server key as unencrypted PKCS#8 PEM, which Elasticsearch reads without a key store password setting. */
    private static String privateKeyPem(Path keystore, String password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            byte[] der = store.getKey("server", password.toCharArray()).getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key of " + keystore + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private void keytool(Path keytool, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(arguments));
        ProcessLauncher.Completed result = ProcessLauncher.run(command, dir, Map.of(), KEYTOOL_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new StackException("security: keytool " + arguments[0] + " failed (exit " + result.exitCode() + "): "
                    + result.output().trim());
        }
    }

    /** 24 letters and digits: no character that needs quoting in JAAS, YAML, CQL or a shell. */
    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new StackException("the secured stack's " + file.getFileName() + " is missing (" + file
                    + "): start it with ./stack up --secure", e);
        }
    }
}
