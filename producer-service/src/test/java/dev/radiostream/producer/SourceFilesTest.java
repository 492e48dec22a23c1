package dev.radiostream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source check that turns a wrong path into one clear line before Spark starts. */
class SourceFilesTest {

    @Test
    void countsParquetFilesInPartitionDirectories(@TempDir Path dir) throws Exception {
        Path day = Files.createDirectories(dir.resolve("radio=nova/year=2016/month=1/day=2"));
        Files.writeString(day.resolve("part-0.parquet"), "x");
        Files.writeString(day.resolve("part-1.parquet"), "x");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        assertEquals(2, SourceFiles.count(dir.toString()));
    }

    @Test
    void aFileOutsideThePartitionDirectoriesSaysWhichOne(@TempDir Path dir) throws Exception {
        Path day = Files.createDirectories(dir.resolve("radio=nova/year=2016/month=1/day=2"));
        Files.writeString(day.resolve("part-0.parquet"), "x");
        assertEquals(1, SourceFiles.count(dir.toString(), "radio"));
        Path stray = Files.writeString(Files.createDirectories(dir.resolve("year=2016")).resolve("part-9.parquet"), "x");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SourceFiles.count(dir.toString(), "radio"));
        assertEquals("source file file:" + stray + " is not inside a radio=... directory (the radio is read from "
                + "the directory name)", error.getMessage());
        assertEquals(2, SourceFiles.count(dir.toString()), "no partition required: every file counts");
    }

    @Test
    void aMissingPathSaysSo(@TempDir Path dir) {
        FileNotFoundException error = assertThrows(FileNotFoundException.class,
                () -> SourceFiles.count(dir.resolve("nope").toString()));
        assertEquals("source path " + dir.resolve("nope") + " does not exist", error.getMessage());
    }

    @Test
    void aPathWithoutParquetSaysSo(@TempDir Path dir) {
        FileNotFoundException error = assertThrows(FileNotFoundException.class, () -> SourceFiles.count(dir.toString()));
        assertEquals("source path " + dir + " holds no .parquet files", error.getMessage());
    }
}
