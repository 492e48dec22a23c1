package dev.radiostream.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON form of the records on our topics, for code that is not Spark (the admin tool, tests, baselines).
 * Spark jobs use the same field names through {@code Schemas}.
 */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonCodec() {
    }

    public static String toJson(Object record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + record, e);
        }
    }

    public static SongCount songCount(String json) {
        return read(json, SongCount.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + json, e);
        }
    }
}
