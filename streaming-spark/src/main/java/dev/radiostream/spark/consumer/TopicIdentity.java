package dev.radiostream.spark.consumer;

import java.util.Optional;

/**
 * Whether a consumer's stored offsets belong to the topic Kafka has now, from the topic id stored with them: a
 * topic deleted and created again under the same name has a new id, and its offsets start again at 0, so the old
 * offsets would make the consumer skip the new topic's records, or resume somewhere in the middle of them.
 */
final class TopicIdentity {

    static final String FAIL = "fail";
    static final String EARLIEST = "earliest";

    private TopicIdentity() {
    }

    /**
     * @param storedId    the topic id stored with the offsets (empty: none stored, or from before topic ids)
     * @param currentId   the topic's id in Kafka now
     * @param onRecreated consumer.on-topic-recreated: fail, or earliest (read the new topic from its start)
     * @return true to resume from the stored offsets, false to ignore them and read the new topic from its start
     * @throws IllegalStateException when the topic was recreated and the consumer is configured to stop
     */
    static boolean useStoredOffsets(String consumer, String topic, Optional<String> storedId, String currentId,
            String onRecreated) {
        if (!FAIL.equalsIgnoreCase(onRecreated) && !EARLIEST.equalsIgnoreCase(onRecreated)) {
            throw new IllegalArgumentException("consumer.on-topic-recreated must be fail or earliest, not '"
                    + onRecreated + "'");
        }
        if (storedId.isEmpty() || storedId.get().equals(currentId)) {
            return true;
        }
        if (EARLIEST.equalsIgnoreCase(onRecreated)) {
            return false;
        }
        throw new IllegalStateException(recreated(consumer, topic, storedId.get(), currentId)
                + ": stopped rather than skip records or resume in the middle of the new topic. To read the new topic "
                + "from its start set consumer.on-topic-recreated=earliest, or delete this consumer's offsets of the "
                + "topic with offset-admin");
    }

    /** "topic T was deleted and created again (the offsets of consumer C were stored for topic id X, Kafka has Y)". */
    static String recreated(String consumer, String topic, String storedId, String currentId) {
        return "topic " + topic + " was deleted and created again (the offsets of consumer " + consumer
                + " were stored for topic id " + storedId + ", Kafka now has " + currentId + ")";
    }
}
