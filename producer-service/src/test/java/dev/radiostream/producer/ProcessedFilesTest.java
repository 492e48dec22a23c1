package dev.radiostream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting the files Spark's file source has taken, from its log in the checkpoint. */
class ProcessedFilesTest {

    @Test
    void countsDistinctFilesAcrossBatchesAndCompactions(@TempDir Path checkpoint) throws Exception {
        Path log = Files.createDirectories(checkpoint.resolve("sources/0"));
        Files.writeString(log.resolve("0"), "v1\n{\"path\":\"file:///d/a.parquet\",\"timestamp\":1,\"batchId\":0}\n"
                + "{\"path\":\"file:///d/b.parquet\",\"timestamp\":1,\"batchId\":0}\n");
        Files.writeString(log.resolve("1.compact"), "v1\n{\"path\":\"file:///d/a.parquet\",\"timestamp\":1,\"batchId\":0}\n"
                + "{\"path\":\"file:///d/b.parquet\",\"timestamp\":1,\"batchId\":0}\n"
                + "{\"path\":\"file:///d/c.parquet\",\"timestamp\":1,\"batchId\":1}\n");
        Files.writeString(log.resolve(".1.compact.crc"), "binary");
        assertEquals(3, ProcessedFiles.count(checkpoint.toString()));
    }

    @Test
    void noCheckpointMeansNothingProcessed(@TempDir Path dir) {
        assertEquals(0, ProcessedFiles.count(dir.resolve("missing").toString()));
    }
}
