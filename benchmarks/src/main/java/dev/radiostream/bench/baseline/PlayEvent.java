package dev.radiostream.bench.baseline;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One play of the radio-plays topic, {"eventId","radio","timestamp","artist","title"} (timestamp in epoch
 * milliseconds): the JSON producer-service's plays mode writes and kafka-to-elastic-service's plays mode reads
 * (streaming-core's PlayEvent and streaming-spark's Schemas.PLAY_EVENT, same field order). Kept here so that the baselines stay
 * plain Java without Spark or Quarkus on their class path. It is also the document the plays baseline indexes
 * (the service sends the same five fields).
 */
public record PlayEvent(String eventId, String radio, Long timestamp, String artist, String title) {

    /** Elasticsearch's limit for a document id; the service dead-letters longer eventIds. */
    public static final int MAX_EVENT_ID_BYTES = 512;
    /** The service's kafka-to-elastic.max-future-skew default. */
    public static final long DEFAULT_MAX_FUTURE_SKEW_MILLIS = 24L * 3600 * 1000;

    // No coercion: Spark's from_json gives null (a missing field, a rejected record) for "123" or 1.5 as a long.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
            .build();
    private static final ObjectReader READER = MAPPER.readerFor(PlayEvent.class);
    private static final ObjectWriter WRITER = MAPPER.writerFor(PlayEvent.class);

    /**
     * The play, or null when the service would reject it (dead-letter it): not a JSON object, a field missing
     * or of the wrong type, a blank or over-long eventId, a negative timestamp or one more than
     * {@code maxFutureSkewMillis} ahead of {@code nowMillis}, a value over 1 MiB.
     */
    public static PlayEvent parseValid(byte[] value, long nowMillis, long maxFutureSkewMillis) {
        PlayEvent play = JsonRecords.read(READER, value);
        if (play == null || play.eventId == null || play.radio == null || play.timestamp == null
                || play.artist == null || play.title == null) {
            return null;
        }
        if (play.eventId.replace(" ", "").isEmpty()
                || play.eventId.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_ID_BYTES
                || play.timestamp < 0 || play.timestamp > nowMillis + maxFutureSkewMillis) {
            return null;
        }
        return play;
    }

    public byte[] toJson() {
        return JsonRecords.write(WRITER, this);
    }
}
