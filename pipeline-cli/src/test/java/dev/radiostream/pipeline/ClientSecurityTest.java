package dev.radiostream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline picks the services' security variables from its environment and reads *_FILE secrets. */
class ClientSecurityTest {

    @TempDir
    Path dir;

    @Test
    void securityVariablesOnlyAndSecretsFromFiles() throws Exception {
        Path password = Files.writeString(dir.resolve("kafka.password"), "kafka-secret\n");
        ClientSecurity security = ClientSecurity.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "app", "KAFKA_SASL_PASSWORD_FILE", password.toString(), "PATH", "/usr/bin",
                "ELASTICSEARCH_USERNAME", "es", "ELASTICSEARCH_PASSWORD", "pw"));

        assertEquals(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "app",
                "KAFKA_SASL_PASSWORD_FILE", password.toString(), "ELASTICSEARCH_USERNAME", "es",
                "ELASTICSEARCH_PASSWORD", "pw"), security.variables());
        Properties kafka = security.kafka();
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" "
                + "password=\"kafka-secret\";", kafka.get("sasl.jaas.config"));
        assertEquals("Basic ZXM6cHc=", security.elasticsearchAuthorization().orElseThrow());
        assertFalse(security.toString().contains("pw"), security.toString());
    }

    @Test
    void trustStoreLoadsAndAMissingOneIsAnError() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path keystore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.crt");
        Path truststore = dir.resolve("truststore.p12");
        run(keytool.toString(), "-genkeypair", "-alias", "s", "-keyalg", "RSA", "-dname", "CN=localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "store-pass");
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "s", "-keystore", keystore.toString(),
                "-storepass", "store-pass", "-file", certificate.toString());
        run(keytool.toString(), "-importcert", "-noprompt", "-alias", "s", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", "store-pass");

        assertEquals("TLSv1.3", ClientSecurity.sslContext(truststore.toString(), "store-pass").getProtocol());
        assertThrows(RuntimeException.class, () -> ClientSecurity.sslContext(dir.resolve("missing.p12").toString(), "x"));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }
}
