package dev.radiostream.spark.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GroupKeyTest {

    @Test
    void equalValuesMakeEqualKeys() {
        assertEquals(new GroupKey("nova", "Drake", "Hype"), new GroupKey("nova", "Drake", "Hype"));
        assertEquals(new GroupKey("nova", "Drake", "Hype").hashCode(), new GroupKey("nova", "Drake", "Hype").hashCode());
        assertNotEquals(new GroupKey("nova", "Drake", "Hype"), new GroupKey("nova", "Hype", "Drake"));
        assertNotEquals(new GroupKey("nova", null, "Hype"), new GroupKey("nova", "", "Hype"));
        assertEquals("Drake", new GroupKey("nova", "Drake", "Hype").get(1));
    }

    @Test
    void similarKeysSpreadOverTheHashMapsBuckets() {
        // The benchmark's songs: radio-(k mod 100), artist-(k mod 997), song-k. Combined with the factor 31 (as a
        // record or List.hashCode does) they share hash codes in bulk; HashMap buckets then turn into trees.
        int songs = 100_000;
        Set<Integer> hashes = new HashSet<>();
        Set<Integer> buckets = new HashSet<>();
        for (int k = 0; k < songs; k++) {
            int hash = new GroupKey("radio-" + (k % 100), "artist-" + (k % 997), "song-" + k).hashCode();
            hashes.add(hash);
            buckets.add((hash ^ (hash >>> 16)) & ((1 << 17) - 1)); // HashMap's bucket index at 131,072 buckets
        }
        assertTrue(hashes.size() > songs * 0.999, "distinct hash codes: " + hashes.size());
        // A uniform hash fills about 1 - e^(-100000/131072) = 53 % of the buckets.
        assertTrue(buckets.size() > 131_072 * 0.5, "buckets used: " + buckets.size());
    }
}
