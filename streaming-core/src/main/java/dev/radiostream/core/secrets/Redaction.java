package dev.radiostream.core.secrets;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps secrets out of what the services print: every message that reaches a log line, a health reason,
 * {@code /status} or the terminal goes through {@link #redact(String)} (via {@code Messages.oneLine}).
 * <p>
 * The secrets are the values of the configuration keys that hold one: the named keys below (whatever source
 * they come from, {@code *_FILE} files included) and any key whose name says it is one (password, secret,
 * token, api key, JAAS configuration), e.g. a pass-through {@code kafka.client."sasl.jaas.config"}.
 */
public final class Redaction {

    public static final String MASK = "****";

    /** The secret keys of our own settings (the pass-through maps are covered by {@link #SECRET_NAME}). */
    static final List<String> SECRET_KEYS = List.of(
            "kafka.sasl-password", "kafka.truststore-password",
            "cassandra.password", "cassandra.truststore-password",
            "elasticsearch.password", "elasticsearch.api-key", "elasticsearch.truststore-password");

    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|api[-_.]?key|jaas|auth[-_.]pass).*");

    /** Shorter values are not masked: a 1-3 character "secret" would mask ordinary words everywhere. */
    private static final int MIN_LENGTH = 4;

    private static volatile Set<String> known;

    private Redaction() {
    }

    /** {@code text} with every configured secret replaced by {@value #MASK}. */
    public static String redact(String text) {
        return redact(text, known());
    }

    /** {@code text} with each of {@code secrets} replaced by {@value #MASK}; longest first, so no part of one leaks. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        List<String> longestFirst = secrets.stream().filter(s -> s != null && s.length() >= MIN_LENGTH)
                .sorted((a, b) -> b.length() - a.length()).toList();
        for (String secret : longestFirst) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** The secret values of a configuration. */
    public static Set<String> secretsOf(Config config) {
        Set<String> secrets = new LinkedHashSet<>();
        for (String key : SECRET_KEYS) {
            config.getOptionalValue(key, String.class).ifPresent(secrets::add);
        }
        for (String name : config.getPropertyNames()) {
            if (SECRET_NAME.matcher(name).matches()) {
                try {
                    config.getOptionalValue(name, String.class).ifPresent(secrets::add);
                } catch (RuntimeException e) {
                    // A key that cannot be read as a string holds nothing to hide.
                }
            }
        }
        return secrets;
    }

    /** The secrets of this process's configuration, read once (none where no configuration is available, e.g. a unit test). */
    private static Set<String> known() {
        Set<String> secrets = known;
        if (secrets == null) {
            try {
                secrets = secretsOf(ConfigProvider.getConfig());
            } catch (RuntimeException | LinkageError e) {
                secrets = Set.of();
            }
            known = secrets;
        }
        return secrets;
    }
}
