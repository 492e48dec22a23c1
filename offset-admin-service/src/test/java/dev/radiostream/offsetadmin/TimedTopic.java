package dev.radiostream.offsetadmin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.radiostream.stack.TestNames;

/**
 * A fresh topic of {@link #PARTITIONS} partitions with {@link #RECORDS} records each: record i of every
 * partition has timestamp {@code base + i minutes}, so --to-datetime {@code base + 4m30s} is offset 5 everywhere.
 * In partition 2 the records before offset {@link #P2_EARLIEST} are deleted, so its earliest offset is not 0.
 */
final class TimedTopic {

    static final int PARTITIONS = 3;
    static final int RECORDS = 10;
    static final long P2_EARLIEST = 3;

    final String name;
    final Instant base;

    private TimedTopic(String name, Instant base) {
        this.name = name;
        this.base = base;
    }

    static TimedTopic create(String bootstrapServers) {
        String name = TestNames.unique("offsets");
        Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    for (int i = 0; i < RECORDS; i++) {
                        long timestamp = base.plus(Duration.ofMinutes(i)).toEpochMilli();
                        producer.send(new ProducerRecord<>(name, partition, timestamp, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                    }
                }
            }
            admin.deleteRecords(Map.of(new TopicPartition(name, 2), RecordsToDelete.beforeOffset(P2_EARLIEST)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare test topic " + name + ": " + e, e);
        }
        return new TimedTopic(name, base);
    }
}
