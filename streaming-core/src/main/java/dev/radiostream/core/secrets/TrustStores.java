package dev.radiostream.core.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS clients that trust the certificate authority of a trust store file (PKCS12 or JKS) instead of the JVM's own. */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * @throws IllegalStateException naming the file (never the password) when it is missing or unreadable
     */
    public static SSLContext sslContext(Path truststore, String password) {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance(truststore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("trust store " + truststore + " cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Redaction.redact(e.getMessage())) + ")", e);
        }
    }
}
