package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TestNamesTest {

    /** Valid as Cassandra keyspace/table, Kafka topic and Elasticsearch index at once. */
    private static final String VALID_NAME = "[a-z][a-z0-9_]{0,47}";

    @Test
    void keepsTheBaseAndAddsARandomSuffix() {
        String name = TestNames.unique("song_counts");

        assertTrue(name.matches("song_counts_[a-z0-9]{8}"), name);
        assertNotEquals(name, TestNames.unique("song_counts"));
    }

    @Test
    void namesAreUniqueAcrossManyCalls() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            names.add(TestNames.unique("t"));
        }
        assertEquals(1000, names.size());
    }

    @Test
    void anyBaseBecomesAValidName() {
        for (String base : new String[] {"Song-Counts.By Radio", "42plays", "", "_hidden", "Été", "x".repeat(200)}) {
            String name = TestNames.unique(base);
            assertTrue(name.matches(VALID_NAME), base + " -> " + name);
        }
    }

    @Test
    void sanitizeLowercasesAndReplacesForbiddenCharacters() {
        assertEquals("song_counts_by_radio", TestNames.sanitize("Song-Counts.By Radio"));
        assertEquals("t42plays", TestNames.sanitize("42plays"));
        assertEquals("t_hidden", TestNames.sanitize("_hidden"));
    }
}
