package dev.radiostream.spark.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** What a rule reads from a parsed record. */
class ParsedRecordTest {

    private static final JsonValueParser PARSER = new JsonValueParser(
            new StructType().add("radio", DataTypes.StringType).add("hour", DataTypes.IntegerType), 200);

    @Test
    void utf8LengthCountsBytesAsSparksOctetLengthDid() {
        // ASCII, accents, typographic quotes, emoji (surrogate pairs), lone surrogates (encoded as '?'), CJK.
        for (String text : new String[] {"", "abc", "L'été", "’x’", "🎵 and 🎶", "\ud83c", "a\udfb5b", "日本語"}) {
            ParsedRecord record = new ParsedRecord(PARSER, new Object[] {text, 1});
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, record.utf8Length("radio"), text);
        }
    }

    @Test
    void numbersOfEitherIntegerTypeReadAsLong() {
        ParsedRecord record = new ParsedRecord(PARSER, new Object[] {"nova", 23});
        assertEquals(23L, record.number("hour"));
        assertEquals("nova", record.string("radio"));
    }
}
