package dev.radiostream.pipeline;

/**
 * Where the servers and names of the pipeline are, and how to log in to them; the defaults are the local stack's,
 * each overridable by the environment variable the services use too (KAFKA_BOOTSTRAP_SERVERS,
 * CASSANDRA_CONTACT_POINTS, ELASTICSEARCH_URL, CASSANDRA_KEYSPACE, and the security ones: {@link ClientSecurity}).
 */
public record Endpoints(String kafka, String cassandra, String elasticsearch, String keyspace,
        String songCountsTopic, String playsTopic, String songCountsIndex, String playsIndex, ClientSecurity security) {

    /** Open servers. */
    public Endpoints(String kafka, String cassandra, String elasticsearch, String keyspace,
            String songCountsTopic, String playsTopic, String songCountsIndex, String playsIndex) {
        this(kafka, cassandra, elasticsearch, keyspace, songCountsTopic, playsTopic, songCountsIndex, playsIndex,
                ClientSecurity.NONE);
    }

    public static Endpoints fromEnvironment() {
        return new Endpoints(env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env("CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042"),
                env("ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
                env("CASSANDRA_KEYSPACE", "streaming"),
                "song-counts", "radio-plays", "song-counts", "radio-plays", ClientSecurity.from(System.getenv()));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
