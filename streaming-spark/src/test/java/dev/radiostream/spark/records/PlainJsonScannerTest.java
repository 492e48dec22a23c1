package dev.radiostream.spark.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The parser's fast path against Jackson: it may only accept a value Jackson reads to the same fields, and the
 * parser's answer (fields and reason) never depends on which of the two read the value.
 */
class PlainJsonScannerTest {

    private static final StructType SCHEMA = new StructType()
            .add("radio", DataTypes.StringType)
            .add("count", DataTypes.LongType)
            .add("hour", DataTypes.IntegerType);
    private static final String PLAIN = "{\"radio\":\"nova\",\"count\":12,\"hour\":7}";

    private final JsonValueParser parser = new JsonValueParser(SCHEMA, 1_000);
    private final PlainJsonScanner scanner = new PlainJsonScanner(SCHEMA);

    @Test
    void thePlainShapeIsReadWithoutJacksonInEitherStringForm() {
        Object[] fields = new Object[3];
        String spaced = " {\n\t\"hour\" : 23 , \"radio\": \"Nova FM ~!\", \"count\": -9223372036854775 }\r\n";
        assertTrue(scanner.scan(utf8(spaced), fields, false));
        assertArrayEquals(new Object[] { "Nova FM ~!", -9223372036854775L, 23 }, fields);

        Object[] sparkFields = new Object[3];
        assertTrue(scanner.scan(utf8(PLAIN), sparkFields, true));
        assertEquals(UTF8String.fromString("nova"), sparkFields[0]);
        assertEquals(12L, sparkFields[1]);
    }

    @Test
    void theEdgesOfIntAndOfEighteenDigitsAreReadAsJacksonReadsThem() {
        for (String value : List.of("{\"radio\":\"a\",\"count\":999999999999999999,\"hour\":2147483647}",
                "{\"radio\":\"a\",\"count\":-999999999999999999,\"hour\":-2147483648}")) {
            Object[] scanned = new Object[3];
            Object[] byJackson = new Object[3];
            assertTrue(scanner.scan(utf8(value), scanned, false), value);
            assertNull(parser.parseWithJackson(utf8(value), byJackson));
            assertArrayEquals(byJackson, scanned, value);
        }
        assertFalse(scanner.scan(utf8("{\"radio\":\"a\",\"count\":1,\"hour\":-2147483649}"), new Object[3], false));
    }

    @Test
    void everythingElseIsLeftToJackson() {
        for (String value : List.of("", "[]", "{}", "{\"radio\":\"nova\",\"count\":12}",
                "{\"radio\":\"nova\",\"count\":12,\"hour\":7,\"extra\":1}", // a field the schema does not name
                "{\"radio\":\"nova\",\"radio\":\"x\",\"count\":12,\"hour\":7}", // a repeated field
                "{\"radio\":\"n\\u006fva\",\"count\":12,\"hour\":7}", // an escape
                "{\"radio\":\"Céline\",\"count\":12,\"hour\":7}", // non-ASCII
                "{\"radio\":null,\"count\":12,\"hour\":7}", "{\"radio\":42,\"count\":12,\"hour\":7}",
                "{\"radio\":\"nova\",\"count\":012,\"hour\":7}", "{\"radio\":\"nova\",\"count\":1.0,\"hour\":7}",
                "{\"radio\":\"nova\",\"count\":1e3,\"hour\":7}", "{\"radio\":\"nova\",\"count\":-,\"hour\":7}",
                "{\"radio\":\"nova\",\"count\":1234567890123456789,\"hour\":7}", // more digits than surely fit
                "{\"radio\":\"nova\",\"count\":-1234567890123456789,\"hour\":7}",
                "{\"radio\":\"nova\",\"count\":12,\"hour\":2147483648}", // beyond an int
                "{\"radio\":\"nova\",\"count\":12,\"hour\":7,}", PLAIN + " x", PLAIN + "}", "\uFEFF" + PLAIN)) {
            assertFalse(scanner.scan(utf8(value), new Object[3], false), value);
        }
    }

    /**
     * Thousands of values near the plain shape (every prefix, every byte replaced by a tricky one, every tricky
     * byte inserted anywhere): whatever the fast path accepts, Jackson reads to the same fields, and the parser's
     * answer equals Jackson's for all of them.
     */
    @Test
    void noValueNearThePlainShapeIsReadDifferentlyFromJackson() {
        Set<String> values = new LinkedHashSet<>();
        List<String> seeds = List.of(PLAIN, "{ \"hour\": -0, \"count\": 0, \"radio\": \"\" }",
                "{\"radio\":\"a\\\"b\",\"count\":9,\"hour\":1}");
        String tricky = " \t\n\r\"\\{}[],:-+.0159eEnulltrfs/#'\u00e9\u0000\u0001\u007f\uFEFF";
        for (String seed : seeds) {
            for (int i = 0; i <= seed.length(); i++) {
                values.add(seed.substring(0, i));
                for (char c : tricky.toCharArray()) {
                    values.add(seed.substring(0, i) + c + seed.substring(i));
                    if (i < seed.length()) {
                        values.add(seed.substring(0, i) + c + seed.substring(i + 1));
                    }
                }
            }
        }
        int accepted = 0;
        List<String> differences = new ArrayList<>();
        for (String text : values) {
            byte[] value = utf8(text);
            Object[] scanned = new Object[3];
            Object[] byJackson = new Object[3];
            String jacksonReason = parser.parseWithJackson(value, byJackson);
            if (scanner.scan(value, scanned, false)) {
                accepted++;
                if (jacksonReason != null || !Arrays.equals(scanned, byJackson)) {
                    differences.add(text + " -> fast " + Arrays.toString(scanned) + ", Jackson " + jacksonReason + " "
                            + Arrays.toString(byJackson));
                }
            }
            Object[] forSpark = new Object[3];
            if (scanner.scan(value, forSpark, true) && !Arrays.toString(forSpark).equals(Arrays.toString(byJackson))) {
                differences.add(text + " -> fast, as UTF8String " + Arrays.toString(forSpark) + ", Jackson "
                        + Arrays.toString(byJackson));
            }
            Object[] read = new Object[3];
            String reason = parser.read(value, read);
            boolean same = jacksonReason == null ? reason == null && Arrays.equals(read, byJackson)
                    : jacksonReason.equals(reason);
            if (!same) {
                differences.add(text + " -> parser " + reason + " " + Arrays.toString(read) + ", Jackson "
                        + jacksonReason);
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(accepted > 100, "the fast path accepted only " + accepted + " of " + values.size());
    }

    @Test
    void sparkGetsTheFastPathsStringsAsUtf8StringAndRulesStillSeeText() {
        JsonValueParser judged = new JsonValueParser(SCHEMA, 1_000,
                new KafkaRecords.Rule("radio x", record -> record.string("radio").equals("x")),
                new KafkaRecords.Rule("long radio", record -> record.utf8Length("radio") > 4));
        Row row = judged.parse(utf8(PLAIN));
        assertInstanceOf(UTF8String.class, row.get(0));
        assertNull(row.get(3));
        assertEquals("radio x", judged.parse(utf8("{\"radio\":\"x\",\"count\":1,\"hour\":1}")).get(3));
        assertEquals("long radio", judged.parse(utf8("{\"radio\":\"radio\",\"count\":1,\"hour\":1}")).get(3));
        // Jackson's String for a non-ASCII value: the same rule, the same byte count (é is two bytes).
        assertEquals("long radio", judged.parse(utf8("{\"radio\":\"nové\",\"count\":1,\"hour\":1}")).get(3));
        assertNull(judged.parse(utf8("{\"radio\":\"nvé\",\"count\":1,\"hour\":1}")).get(3));
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
