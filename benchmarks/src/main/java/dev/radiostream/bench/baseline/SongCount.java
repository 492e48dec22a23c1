package dev.radiostream.bench.baseline;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * One running total of the song-counts topic, {"radio","artist","title","count"} keyed radio|artist|title:
 * the same JSON the services read and write (streaming-spark's Schemas.SONG_COUNT / streaming-core's SongCount). Kept here
 * so that the baselines stay plain Java without Spark or Quarkus on their class path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SongCount(String radio, String artist, String title, Long count) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectReader READER = MAPPER.readerFor(SongCount.class);
    private static final ObjectWriter WRITER = MAPPER.writerFor(SongCount.class);

    /**
     * The record, or null when the services would reject it (dead-letter it): not a JSON object, a field
     * missing or of the wrong type, a negative count, a value over 1 MiB.
     */
    public static SongCount parseValid(byte[] value) {
        SongCount parsed = JsonRecords.read(READER, value);
        if (parsed == null || parsed.radio == null || parsed.artist == null || parsed.title == null
                || parsed.count == null || parsed.count < 0) {
            return null;
        }
        return parsed;
    }

    public byte[] toJson() {
        return JsonRecords.write(WRITER, this);
    }

    public String key() {
        return radio + "|" + artist + "|" + title;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
