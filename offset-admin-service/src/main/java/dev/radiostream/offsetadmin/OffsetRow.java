package dev.radiostream.offsetadmin;

import java.time.Instant;

/**
 * One line of {@code list} and of GET /offsets. Null fields: no offset stored for the partition (the consumer
 * starts from its configured default), or the topic no longer exists in Kafka.
 *
 * @param nextOffset     the stored next offset to read
 * @param earliestOffset the earliest offset still in Kafka
 * @param latestOffset   the offset the next produced record will get
 * @param lag            latestOffset - nextOffset: records the consumer has not read yet
 * @param updatedAt      when the stored offset was written
 */
public record OffsetRow(String consumer, String topic, int partition, Long nextOffset, Long earliestOffset,
        Long latestOffset, Long lag, Instant updatedAt) {
}
