package dev.radiostream.spark.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The hot-path JSON parser: values, and the reason for each kind of unusable value. */
class JsonValueParserTest {

    private static final StructType SCHEMA = new StructType()
            .add("radio", DataTypes.StringType)
            .add("count", DataTypes.LongType)
            .add("hour", DataTypes.IntegerType);
    private static final String WRONG_TYPE = "a field has the wrong type (expected radio: string, count: bigint, hour: int)";

    private final JsonValueParser parser = new JsonValueParser(SCHEMA, 200);

    private Row parse(String json) {
        return parser.parse(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private String reason(String json) {
        return parse(json).getString(3);
    }

    @Test
    void aCompleteRecordKeepsEveryCharacterAndSkipsUnknownFields() {
        Row row = parse(" {\"extra\": {\"a\": [1, {\"b\": 2}]}, \"radio\": \"L'été ’x’ \\\"q\\\" 🎵\", \"count\": 9007199254740993,"
                + " \"hour\": 23} ");
        assertEquals("L'été ’x’ \"q\" 🎵", row.getString(0));
        assertEquals(9007199254740993L, row.getLong(1));
        assertEquals(23, row.getInt(2));
        assertNull(row.get(3));
    }

    @Test
    void aNumberWhereAStringIsExpectedIsTakenAsItsTextLikeFromJson() {
        Row row = parse("{\"radio\": 42, \"count\": 1, \"hour\": 0}");
        assertEquals("42", row.getString(0));
        assertNull(row.get(3));
    }

    @Test
    void eachKindOfBadValueSaysWhy() {
        assertEquals("empty value", reason(null));
        assertEquals("value larger than 200 bytes", reason("{\"radio\": \"" + "x".repeat(200) + "\"}"));
        assertEquals("not valid JSON", reason(""));
        assertEquals("not valid JSON", reason("not json"));
        assertEquals("not valid JSON", reason("{\"radio\": \"nova\", \"count\": 1, \"hour\": 2"));
        assertEquals("not valid JSON", reason("{\"radio\": \"nova\", \"count\": 1, \"hour\": 2} trailing"));
        assertEquals("not valid JSON", reason("[1, 2"));
        assertEquals("not a JSON object", reason("[1, 2]"));
        assertEquals("not a JSON object", reason("\"text\""));
        assertEquals(WRONG_TYPE, reason("{\"radio\": \"nova\", \"count\": \"many\", \"hour\": 1}"));
        assertEquals(WRONG_TYPE, reason("{\"radio\": \"nova\", \"count\": 1.5, \"hour\": 1}"));
        assertEquals(WRONG_TYPE, reason("{\"radio\": {\"name\": \"nova\"}, \"count\": 1, \"hour\": 1}"));
        assertEquals(WRONG_TYPE, reason("{\"radio\": \"nova\", \"count\": 1, \"hour\": 3000000000}"));
        assertEquals(WRONG_TYPE, reason("{\"radio\": \"nova\", \"count\": 99999999999999999999, \"hour\": 1}"));
        assertEquals("missing field count", reason("{\"radio\": \"nova\", \"hour\": 1}"));
        assertEquals("missing field radio", reason("{\"radio\": null, \"count\": 1, \"hour\": 1}"));
    }

    @Test
    void aWrongTypeLeavesNoPartialFields() {
        Row row = parse("{\"radio\": \"nova\", \"count\": \"many\", \"hour\": 1}");
        assertNull(row.get(0));
        assertNull(row.get(2));
    }

    @Test
    void rulesJudgeOnlyCompleteValuesAndTheFirstFailedRuleNamesTheReason() {
        JsonValueParser judged = new JsonValueParser(SCHEMA, 200,
                new KafkaRecords.Rule("negative count", record -> record.number("count") < 0),
                new KafkaRecords.Rule("hour out of range", record -> record.number("hour") > 23),
                new KafkaRecords.Rule("radio named x", record -> record.string("radio").equals("x")));
        Object[] fields = new Object[judged.fieldCount()];
        assertNull(judged.read(utf8("{\"radio\": \"nova\", \"count\": 3, \"hour\": 23}"), fields));
        assertArrayEquals(new Object[] {"nova", 3L, 23}, fields);
        assertEquals("negative count", judged.read(utf8("{\"radio\": \"x\", \"count\": -1, \"hour\": 24}"), fields));
        assertEquals("hour out of range", judged.read(utf8("{\"radio\": \"x\", \"count\": 1, \"hour\": 24}"), fields));
        assertEquals("radio named x", judged.read(utf8("{\"radio\": \"x\", \"count\": 1, \"hour\": 1}"), fields));
        // A value that did not parse is never handed to a rule (which would fail on the missing field).
        assertEquals("missing field count", judged.read(utf8("{\"radio\": \"x\", \"hour\": 1}"), fields));
    }

    @Test
    void readReusesTheFieldsArrayWithoutCarryingAFieldOver() {
        Object[] fields = new Object[parser.fieldCount()];
        assertNull(parser.read(utf8("{\"radio\": \"nova\", \"count\": 3, \"hour\": 5}"), fields));
        assertEquals("missing field radio", parser.read(utf8("{\"count\": 4, \"hour\": 6}"), fields));
        assertNull(fields[parser.fieldIndex("radio")]);
        assertEquals(2, parser.fieldIndex("hour"));
        assertThrows(IllegalArgumentException.class, () -> parser.fieldIndex("title"));
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRuleThatDoesNotFitTheSchemaFailsWhenTheParserIsBuilt() {
        IllegalArgumentException unknownField = assertThrows(IllegalArgumentException.class, () -> new JsonValueParser(SCHEMA, 200,
                new KafkaRecords.Rule("negative total", record -> record.number("total") < 0)));
        assertTrue(unknownField.getMessage().contains("negative total"), unknownField.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JsonValueParser(SCHEMA, 200,
                new KafkaRecords.Rule("radio as a number", record -> record.number("radio") < 0)));
        assertThrows(IllegalArgumentException.class, () -> new JsonValueParser(SCHEMA, 200,
                new KafkaRecords.Rule("count as text", record -> record.string("count").isEmpty())));
    }

    @Test
    void onlyFlatSchemasOfStringsAndIntegersAreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> new JsonValueParser(new StructType().add("when", DataTypes.TimestampType), 10));
    }
}
