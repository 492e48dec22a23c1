package dev.radiostream.spark.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TopicIdentityTest {

    @Test
    void offsetsOfTheSameTopicOrWithoutAnIdAreUsed() {
        assertTrue(TopicIdentity.useStoredOffsets("c", "t", Optional.of("A"), "A", "fail"));
        assertTrue(TopicIdentity.useStoredOffsets("c", "t", Optional.empty(), "A", "fail"));
        assertTrue(TopicIdentity.useStoredOffsets("c", "t", Optional.empty(), "A", "earliest"));
    }

    @Test
    void aRecreatedTopicStopsTheConsumerWithTheReasonAndTheWayOut() {
        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> TopicIdentity.useStoredOffsets("c", "t", Optional.of("A"), "B", "fail"));
        assertEquals("topic t was deleted and created again (the offsets of consumer c were stored for topic id A, "
                + "Kafka now has B): stopped rather than skip records or resume in the middle of the new topic. To read "
                + "the new topic from its start set consumer.on-topic-recreated=earliest, or delete this consumer's "
                + "offsets of the topic with offset-admin", stop.getMessage());
    }

    @Test
    void aRecreatedTopicIsReadFromItsStartWhenConfigured() {
        assertFalse(TopicIdentity.useStoredOffsets("c", "t", Optional.of("A"), "B", "EARLIEST"));
    }

    @Test
    void anUnknownChoiceIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TopicIdentity.useStoredOffsets("c", "t", Optional.of("A"), "A", "skip"));
    }
}
