package dev.radiostream.stack;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Unique names for what tests create in shared servers, so that test classes (and repeated runs against a stack
 * that stays up) never see each other's data.
 * <p>
 * A name is lowercase letters, digits and underscores, starts with a letter and is at most 48 characters: valid as
 * a Cassandra keyspace or table, a Kafka topic and an Elasticsearch index alike.
 */
public final class TestNames {

    /** Cassandra's limit for keyspace and table names; the other two allow more. */
    public static final int MAX_LENGTH = 48;

    private static final int SUFFIX_LENGTH = 8;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestNames() {
    }

    /** {@code unique("song_counts")} gives e.g. {@code song_counts_k3x9a2bq}. */
    public static String unique(String base) {
        String prefix = sanitize(base);
        int maxPrefix = MAX_LENGTH - SUFFIX_LENGTH - 1;
        if (prefix.length() > maxPrefix) {
            prefix = prefix.substring(0, maxPrefix);
        }
        return prefix + "_" + randomSuffix();
    }

    /** Lowercase; every other character than a-z, 0-9 and _ becomes _; a leading non-letter gets a "t" before it. */
    static String sanitize(String base) {
        String lower = (base == null ? "" : base).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (lower.isEmpty() || !Character.isLetter(lower.charAt(0))) {
            lower = "t" + lower;
        }
        return lower;
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return suffix.toString();
    }
}
