package dev.radiostream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RadioDirectoryTest {

    @Test
    void readsTheRadioDirectoryOfAFile() {
        assertEquals("nova", RadioDirectory.radioOf(
                "file:///data/allRadioPartitionByRadioAndDate.parquet/radio=nova/year=2016/month=6/day=1/part-0.parquet"));
    }

    @Test
    void undoesTheUriEncodingAndThePartitionEscapingAsSparkDoes() {
        // "Radio: 1 & Co" is written as radio=Radio%3A 1 & Co (Hive escaping), then URI-encoded by Spark.
        assertEquals("Radio: 1 & Co", RadioDirectory.radioOf(
                "file:///data/set/radio=Radio%253A%201%20&%20Co/year=2016/part-0.parquet"));
        assertEquals("skyrock", RadioDirectory.radioOf("hdfs://namenode:8020/radio=old/radio=skyrock/part-0.parquet"),
                "the innermost radio directory");
    }

    @Test
    void hivesDefaultPartitionIsANullRadioAsSparkReadsIt() {
        assertNull(RadioDirectory.radioOf("file:///data/set/radio=__HIVE_DEFAULT_PARTITION__/part-0.parquet"));
    }

    @Test
    void aFileOutsideAnyRadioDirectoryIsAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RadioDirectory.radioOf("file:///data/set/part-0.parquet"));
        assertEquals("no radio=... directory in the path of file:///data/set/part-0.parquet", error.getMessage());
    }
}
