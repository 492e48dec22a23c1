package dev.radiostream.offsetadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.core.cassandra.CassandraSettings;
import dev.radiostream.core.offsets.ConsumerLease;
import dev.radiostream.core.offsets.ConsumerLease.LeaseHeldException;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.core.offsets.Lease;
import dev.radiostream.stack.TestNames;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consumer lease's lightweight transactions against the real Cassandra of the local stack: two "processes"
 * (two {@link ConsumerLease}s on one clock that the test moves past a lease) on one consumer id.
 */
@QuarkusTest
@WithTestResource(StackResource.class)
class ConsumerLeaseTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String TOPIC_ID = "Mj3yDGlfTNWmlWxR2Lqg4A";

    @Inject
    KafkaOffsetStore store;

    @Inject
    CassandraSessions sessions;

    @Test
    void aSecondOwnerWaitsThenTakesOverAndTheFirstCanNoLongerStore() {
        String consumer = TestNames.unique("leased");
        MovableClock later = new MovableClock();
        ConsumerLease first = new ConsumerLease(store, consumer, TTL, later);
        ConsumerLease second = new ConsumerLease(store, consumer, TTL, later);

        first.acquire();
        long firstEpoch = first.epoch().orElseThrow();
        assertTrue(store.storeFenced(consumer, "t", TOPIC_ID, Map.of(0, 10L, 1, 20L), firstEpoch));

        LeaseHeldException held = assertThrows(LeaseHeldException.class, second::acquire);
        assertTrue(held.getMessage().startsWith("consumer " + consumer + " is owned by host "
                + KafkaOffsetStore.hostName() + " (pid " + ProcessHandle.current().pid() + ", since "), held.getMessage());
        assertTrue(second.epoch().isEmpty());

        // The first is paused past its lease: the second takes over under a greater epoch and stores further.
        later.advance(TTL.plusSeconds(1));
        second.acquire();
        long secondEpoch = second.epoch().orElseThrow();
        assertTrue(secondEpoch > firstEpoch, secondEpoch + " > " + firstEpoch);
        assertTrue(store.storeFenced(consumer, "t", TOPIC_ID, Map.of(0, 15L, 1, 25L), secondEpoch));

        // The first wakes up: its older offsets are refused, its renewal fails, it knows it no longer owns the id.
        assertFalse(store.storeFenced(consumer, "t", TOPIC_ID, Map.of(0, 12L, 1, 21L), firstEpoch));
        assertEquals(Map.of(0, 15L, 1, 25L), store.nextOffsets(consumer, "t"));
        assertFalse(first.renew());
        assertFalse(first.ensureHeld());
        assertThrows(LeaseHeldException.class, first::acquire);

        Lease owner = store.lease(consumer).orElseThrow();
        assertEquals(secondEpoch, owner.epoch());
        assertTrue(owner.liveAt(later.instant()));

        // A clean stop gives the lease up: the first may take it at once, and the second is fenced in turn.
        second.release();
        first.acquire();
        assertTrue(first.epoch().orElseThrow() > secondEpoch);
        assertFalse(store.storeFenced(consumer, "t", TOPIC_ID, Map.of(0, 16L), secondEpoch));
        assertEquals(Map.of(0, 15L, 1, 25L), store.nextOffsets(consumer, "t"));
    }

    @Test
    void anOperatorsChangeEndsTheLeaseSoThatTheRunningOwnerCannotOverwriteIt() {
        String consumer = TestNames.unique("leased");
        ConsumerLease owner = new ConsumerLease(store, consumer, TTL, Clock.systemUTC());
        owner.acquire();
        long epoch = owner.epoch().orElseThrow();

        assertEquals(epoch, store.fence(consumer).orElseThrow().epoch());
        store.store(consumer, "t", Map.of(0, 3L)); // what offset-admin writes after fencing

        assertFalse(store.storeFenced(consumer, "t", TOPIC_ID, Map.of(0, 99L), epoch));
        assertEquals(Map.of(0, 3L), store.nextOffsets(consumer, "t"));
        assertFalse(store.lease(consumer).orElseThrow().liveAt(Instant.now()), "nobody holds it after a fence");
        // The owner's restarted query takes the lease again at once, under a newer epoch.
        assertFalse(owner.renew());
        owner.acquire();
        assertTrue(owner.epoch().orElseThrow() > epoch);
    }

    @Test
    void aRestartedQueryOfTheOwnerKeepsItsEpoch() {
        String consumer = TestNames.unique("leased");
        ConsumerLease lease = new ConsumerLease(store, consumer, TTL, Clock.systemUTC());
        lease.acquire();
        long epoch = lease.epoch().orElseThrow();
        lease.acquire();
        assertEquals(epoch, lease.epoch().orElseThrow());
        assertTrue(lease.ensureHeld());
    }

    @Test
    void anOffsetsTableFromBeforeLeasesGetsTheLeaseColumnsAndKeepsItsOffsets() {
        String keyspace = TestNames.unique("lease_migration");
        CassandraEndpoint base = sessions.endpoint();
        CassandraEndpoint endpoint = new CassandraEndpoint(base.contactPoints(), base.localDatacenter(), keyspace,
                base.replicationFactor(), base.requestTimeoutMillis());
        try (CqlSession old = base.openSession()) {
            // The table as streaming-core created it before leases (test-only CQL, the schema of the old release).
            old.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
            old.execute("CREATE TABLE " + keyspace + ".kafka_offsets (consumer text, topic text, partition int, "
                    + "next_offset bigint, updated_at timestamp, PRIMARY KEY ((consumer), topic, partition))");
            old.execute("INSERT INTO " + keyspace + ".kafka_offsets (consumer, topic, partition, next_offset, updated_at) "
                    + "VALUES ('c', 't', 0, 41, toTimestamp(now()))");
        }
        CassandraSessions migrated = new CassandraSessions(new FixedEndpoint(endpoint));
        try {
            KafkaOffsetStore upgraded = new KafkaOffsetStore(migrated);
            assertEquals(Map.of(0, 41L), upgraded.nextOffsets("c", "t"));
            ConsumerLease lease = new ConsumerLease(upgraded, "c", TTL, Clock.systemUTC());
            lease.acquire();
            assertTrue(upgraded.storeFenced("c", "t", TOPIC_ID, Map.of(0, 42L), lease.epoch().orElseThrow()));
            assertEquals(Map.of(0, 42L), upgraded.nextOffsets("c", "t"));
            assertEquals(TOPIC_ID, upgraded.topicId("c", "t").orElseThrow(), "the topic id is stored with the offsets");
        } finally {
            migrated.session().execute("DROP KEYSPACE " + keyspace);
        }
    }

    private record FixedEndpoint(CassandraEndpoint endpoint) implements CassandraSettings {
        public String contactPoints() { return endpoint.contactPoints(); }
        public String localDatacenter() { return endpoint.localDatacenter(); }
        public String keyspace() { return endpoint.keyspace(); }
        public int replicationFactor() { return endpoint.replicationFactor(); }
        public Duration requestTimeout() { return Duration.ofMillis(endpoint.requestTimeoutMillis()); }
        // The plain test stack: no authentication, no TLS.
        public Optional<String> replicationDatacenter() { return Optional.ofNullable(endpoint.replicationDatacenter()); }
        public Optional<String> username() { return Optional.empty(); }
        public Optional<String> password() { return Optional.empty(); }
        public boolean ssl() { return false; }
        public Optional<String> truststorePath() { return Optional.empty(); }
        public Optional<String> truststorePassword() { return Optional.empty(); }
        public boolean hostnameValidation() { return true; }
    }

    private static final class MovableClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
