package dev.radiostream.core.offsets;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.alterTable;
import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.createTable;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;

import dev.radiostream.core.cassandra.CassandraSchema;
import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.core.cassandra.PreparedOnFirstUse;

/**
 * The Cassandra table kafka_offsets: per (consumer, topic, partition) the NEXT offset to read.
 * The streaming services write it after each micro-batch's data is written; they read it on start.
 * offset-admin-service lists and rewrites it. This is the one place that knows the table.
 * <p>
 * It also keeps consumer_heartbeats: a running consumer beats every {@link #HEARTBEAT_INTERVAL}; rows expire
 * after {@link #HEARTBEAT_TTL}, so a killed consumer stops counting as running. offset-admin-service refuses
 * to move the offsets of a running consumer.
 * <p>
 * And the consumer's lease (one owner per consumer id): static columns owner_epoch, owner_host, owner_pid,
 * owner_since, owner_until of the consumer's partition of kafka_offsets, written with lightweight transactions.
 * They live in the same partition as the offsets so that {@link #storeFenced} writes the offsets on condition that
 * the writer's epoch still holds, in one conditional batch: a stale owner cannot overwrite a newer owner's offsets.
 */
@ApplicationScoped
public class KafkaOffsetStore {

    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(20);

    private final CassandraSessions sessions;
    private final Instant startedAt = Instant.now();
    private final PreparedOnFirstUse<Statements> statements;

    public KafkaOffsetStore(CassandraSessions sessions) {
        this.sessions = sessions;
        this.statements = new PreparedOnFirstUse<>(() -> new Statements(sessions.session(), sessions.keyspace()));
    }

    /** The stored next offset per partition of one topic for one consumer (empty when none is stored). */
    public Map<Integer, Long> nextOffsets(String consumer, String topic) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (Row row : session().execute(statements().selectTopic.bind(consumer, topic))) {
            offsets.put(row.getInt("partition"), row.getLong("next_offset"));
        }
        return offsets;
    }

    /**
     * The Kafka topic id the consumer's offsets of this topic were stored for (empty: none stored, or stored before
     * topic ids were kept, or by an operator without one). A different id in Kafka means the topic was deleted and
     * created again: these offsets belong to the old topic.
     */
    public Optional<String> topicId(String consumer, String topic) {
        for (Row row : session().execute(statements().selectTopic.bind(consumer, topic))) {
            if (!row.isNull("topic_id")) {
                return Optional.of(row.getString("topic_id"));
            }
        }
        return Optional.empty();
    }

    /** Every stored row, optionally narrowed to one consumer and/or one topic (null means all). */
    public List<StoredOffset> list(String consumer, String topic) {
        Iterable<Row> rows = consumer == null
                ? session().execute(statements().selectAll.bind())
                : session().execute(statements().selectConsumer.bind(consumer));
        List<StoredOffset> result = new ArrayList<>();
        for (Row row : rows) {
            if (row.isNull("topic")) {
                continue; // a consumer's partition holding only its lease (static columns): no offsets stored yet
            }
            StoredOffset offset = new StoredOffset(row.getString("consumer"), row.getString("topic"),
                    row.getInt("partition"), row.getLong("next_offset"), row.getInstant("updated_at"));
            if (topic == null || topic.equals(offset.topic())) {
                result.add(offset);
            }
        }
        return result;
    }

    /**
     * Stores the next offsets of one topic in one atomic write: all rows share the consumer partition key,
     * so a single-partition logged batch is applied all-or-nothing.
     */
    public void store(String consumer, String topic, Map<Integer, Long> nextOffsets) {
        store(consumer, topic, null, nextOffsets);
    }

    /** The same, for the topic with this Kafka topic id (null: unknown, taken as the topic the consumer next finds). */
    public void store(String consumer, String topic, String topicId, Map<Integer, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED);
        nextOffsets.forEach((partition, next) ->
                batch.addStatement(statements().upsert.bind(consumer, topic, partition, next, now, topicId)));
        session().execute(batch.build());
    }

    /**
     * Stores the next offsets only while {@code epoch} is still the consumer's lease epoch (a conditional batch on
     * the partition's static owner_epoch).
     *
     * @return false, with nothing written, when another process has taken the lease since
     */
    public boolean storeFenced(String consumer, String topic, String topicId, Map<Integer, Long> nextOffsets,
            long epoch) {
        if (nextOffsets.isEmpty()) {
            return true;
        }
        Instant now = Instant.now();
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED);
        nextOffsets.forEach((partition, next) -> batch.addStatement(
                statements().fencedUpsert.bind(next, now, topicId, consumer, topic, partition, epoch)));
        return session().execute(batch.build()).wasApplied();
    }

    /** The consumer's lease as the table holds it now (a serial read: it sees lightweight transactions done). */
    public Optional<Lease> lease(String consumer) {
        Row row = session().execute(statements().selectLease.bind(consumer)
                .setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
        if (row == null || row.isNull("owner_epoch")) {
            return Optional.empty();
        }
        return Optional.of(new Lease(consumer, row.getLong("owner_epoch"), row.getString("owner_host"),
                row.getLong("owner_pid"), row.getInstant("owner_since"), row.getInstant("owner_until")));
    }

    /**
     * Takes the lease under {@code epoch} for this process, on condition that the table still holds
     * {@code expectedEpoch} (null: no lease yet). Returns false when another process got there first.
     */
    public boolean takeLease(String consumer, Long expectedEpoch, long epoch, Instant since, Instant until) {
        return session().execute(statements().takeLease.bind(epoch, hostName(), ProcessHandle.current().pid(), since,
                until, consumer, expectedEpoch)).wasApplied();
    }

    /**
     * Ends whatever lease the consumer has under a new epoch that nobody holds (offset-admin, before it rewrites
     * offsets): a running owner's next offsets write is refused, so it cannot overwrite what the operator stored;
     * it stops its query and takes the lease again, reading from the new offsets.
     *
     * @return the lease that was ended, if there was one
     */
    public Optional<Lease> fence(String consumer) {
        Optional<Lease> current = lease(consumer);
        if (current.isPresent()) {
            Instant now = Instant.now();
            if (!takeLease(consumer, current.get().epoch(), LeaseDecisions.newEpoch(current.get().epoch(), now), now,
                    now)) {
                throw new IllegalStateException("the lease of consumer " + consumer + " changed hands meanwhile: "
                        + "nothing written, try again");
            }
        }
        return current;
    }

    /** Extends the lease held under {@code epoch} (or, with a past instant, gives it up); false once it was taken. */
    public boolean renewLease(String consumer, long epoch, Instant until) {
        return session().execute(statements().renewLease.bind(until, consumer, epoch)).wasApplied();
    }

    /** Forgets a consumer's offsets: of one topic, or of all topics when topic is null. */
    public void delete(String consumer, String topic) {
        if (topic == null) {
            session().execute(statements().deleteConsumer.bind(consumer));
        } else {
            session().execute(statements().deleteTopic.bind(consumer, topic));
        }
    }

    /** Records that this process runs the consumer now. */
    public void beat(String consumer) {
        session().execute(statements().beat.bind(consumer, hostName(), ProcessHandle.current().pid(), startedAt,
                Instant.now(), (int) HEARTBEAT_TTL.toSeconds()));
    }

    /** The heartbeat of the consumer if it is running. */
    public Optional<Heartbeat> heartbeat(String consumer) {
        Row row = session().execute(statements().selectHeartbeat.bind(consumer)).one();
        return Optional.ofNullable(row).map(r -> new Heartbeat(r.getString("consumer"), r.getString("host"),
                r.getLong("pid"), r.getInstant("started_at"), r.getInstant("updated_at")));
    }

    /** Called on a clean stop: the consumer no longer runs. */
    public void clearHeartbeat(String consumer) {
        session().execute(statements().deleteHeartbeat.bind(consumer));
    }

    /** This machine's name, as leases and heartbeats show it. */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private CqlSession session() {
        return sessions.session();
    }

    private Statements statements() {
        return statements.get();
    }

    /** Created and prepared once: values are always bound, names are identifiers, nothing is glued into CQL. */
    private static final class Statements {
        private static final CqlIdentifier OFFSETS = CqlIdentifier.fromInternal("kafka_offsets");
        private static final CqlIdentifier HEARTBEATS = CqlIdentifier.fromInternal("consumer_heartbeats");

        final PreparedStatement selectTopic;
        final PreparedStatement selectConsumer;
        final PreparedStatement selectAll;
        final PreparedStatement upsert;
        final PreparedStatement deleteConsumer;
        final PreparedStatement deleteTopic;
        final PreparedStatement beat;
        final PreparedStatement selectHeartbeat;
        final PreparedStatement deleteHeartbeat;
        final PreparedStatement selectLease;
        final PreparedStatement takeLease;
        final PreparedStatement renewLease;
        final PreparedStatement fencedUpsert;

        /** The lease, in static columns of the consumer's partition. */
        private static final Map<String, DataType> OWNER_COLUMNS = new TreeMap<>(Map.of("owner_epoch", DataTypes.BIGINT,
                "owner_host", DataTypes.TEXT, "owner_pid", DataTypes.BIGINT, "owner_since", DataTypes.TIMESTAMP,
                "owner_until", DataTypes.TIMESTAMP));

        Statements(CqlSession session, String keyspaceName) {
            CqlIdentifier keyspace = CassandraSchema.identifier(keyspaceName);
            // A new table gets every column at once: each ALTER TABLE below is a schema change of its own, which
            // took about a second each and doubled a first start on a new keyspace.
            var table = createTable(keyspace, OFFSETS).ifNotExists().withPartitionKey("consumer", DataTypes.TEXT)
                    .withClusteringColumn("topic", DataTypes.TEXT).withClusteringColumn("partition", DataTypes.INT)
                    .withColumn("next_offset", DataTypes.BIGINT).withColumn("updated_at", DataTypes.TIMESTAMP)
                    .withColumn("topic_id", DataTypes.TEXT);
            for (Map.Entry<String, DataType> column : OWNER_COLUMNS.entrySet()) {
                table = table.withStaticColumn(column.getKey(), column.getValue());
            }
            session.execute(table.build());
            addColumns(session, keyspace, OWNER_COLUMNS, true);
            // The Kafka topic id the offsets were stored for (per row: every row of a topic gets it).
            addColumns(session, keyspace, Map.of("topic_id", DataTypes.TEXT), false);
            // One row per running consumer, refreshed while its query runs and expiring by TTL when it dies.
            session.execute(createTable(keyspace, HEARTBEATS).ifNotExists().withPartitionKey("consumer", DataTypes.TEXT)
                    .withColumn("host", DataTypes.TEXT).withColumn("pid", DataTypes.BIGINT)
                    .withColumn("started_at", DataTypes.TIMESTAMP).withColumn("updated_at", DataTypes.TIMESTAMP).build());

            selectTopic = session.prepare(selectFrom(keyspace, OFFSETS).columns("partition", "next_offset", "topic_id")
                    .whereColumn("consumer").isEqualTo(bindMarker()).whereColumn("topic").isEqualTo(bindMarker()).build());
            selectConsumer = session.prepare(selectFrom(keyspace, OFFSETS).all()
                    .whereColumn("consumer").isEqualTo(bindMarker()).build());
            selectAll = session.prepare(selectFrom(keyspace, OFFSETS).all().build());
            upsert = session.prepare(CassandraSchema.insertBound(keyspace, OFFSETS,
                    "consumer", "topic", "partition", "next_offset", "updated_at", "topic_id").build());
            deleteConsumer = session.prepare(deleteFrom(keyspace, OFFSETS)
                    .whereColumn("consumer").isEqualTo(bindMarker()).build());
            deleteTopic = session.prepare(deleteFrom(keyspace, OFFSETS)
                    .whereColumn("consumer").isEqualTo(bindMarker()).whereColumn("topic").isEqualTo(bindMarker()).build());
            beat = session.prepare(CassandraSchema.insertBound(keyspace, HEARTBEATS,
                    "consumer", "host", "pid", "started_at", "updated_at").usingTtl(bindMarker()).build());
            selectHeartbeat = session.prepare(selectFrom(keyspace, HEARTBEATS).all()
                    .whereColumn("consumer").isEqualTo(bindMarker()).build());
            deleteHeartbeat = session.prepare(deleteFrom(keyspace, HEARTBEATS)
                    .whereColumn("consumer").isEqualTo(bindMarker()).build());
            selectLease = session.prepare(selectFrom(keyspace, OFFSETS)
                    .columns("owner_epoch", "owner_host", "owner_pid", "owner_since", "owner_until")
                    .whereColumn("consumer").isEqualTo(bindMarker()).limit(1).build());
            takeLease = session.prepare(update(keyspace, OFFSETS).setColumn("owner_epoch", bindMarker())
                    .setColumn("owner_host", bindMarker()).setColumn("owner_pid", bindMarker())
                    .setColumn("owner_since", bindMarker()).setColumn("owner_until", bindMarker())
                    .whereColumn("consumer").isEqualTo(bindMarker())
                    .ifColumn("owner_epoch").isEqualTo(bindMarker()).build());
            renewLease = session.prepare(update(keyspace, OFFSETS).setColumn("owner_until", bindMarker())
                    .whereColumn("consumer").isEqualTo(bindMarker())
                    .ifColumn("owner_epoch").isEqualTo(bindMarker()).build());
            fencedUpsert = session.prepare(update(keyspace, OFFSETS).setColumn("next_offset", bindMarker())
                    .setColumn("updated_at", bindMarker()).setColumn("topic_id", bindMarker())
                    .whereColumn("consumer").isEqualTo(bindMarker())
                    .whereColumn("topic").isEqualTo(bindMarker()).whereColumn("partition").isEqualTo(bindMarker())
                    .ifColumn("owner_epoch").isEqualTo(bindMarker()).build());
        }

        /**
         * Columns added to a kafka_offsets table created before leases and topic ids existed (ALTER TABLE ADD keeps
         * every stored offset). Two processes starting at once may both try: the loser's "already exists" is fine.
         */
        private static void addColumns(CqlSession session, CqlIdentifier keyspace, Map<String, DataType> columns,
                boolean isStatic) {
            for (Map.Entry<String, DataType> column : new TreeMap<>(columns).entrySet()) {
                Optional<TableMetadata> table = session.getMetadata().getKeyspace(keyspace)
                        .flatMap(k -> k.getTable(OFFSETS));
                if (table.isPresent() && table.get().getColumn(column.getKey()).isPresent()) {
                    continue;
                }
                try {
                    session.execute((isStatic
                            ? alterTable(keyspace, OFFSETS).addStaticColumn(column.getKey(), column.getValue())
                            : alterTable(keyspace, OFFSETS).addColumn(column.getKey(), column.getValue())).build());
                } catch (InvalidQueryException e) {
                    if (!String.valueOf(e.getMessage()).contains("already exist")) {
                        throw e;
                    }
                }
            }
        }
    }
}
