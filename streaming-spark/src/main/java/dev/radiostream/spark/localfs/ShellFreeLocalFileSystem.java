package dev.radiostream.spark.localfs;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Hadoop's local file system (with its checksum files) over {@link ShellFreeRawLocalFileSystem}: what Spark's
 * FileSystem calls get for {@code file:} paths ({@code spark.hadoop.fs.file.impl}).
 */
public class ShellFreeLocalFileSystem extends LocalFileSystem {

    public ShellFreeLocalFileSystem() {
        super(new ShellFreeRawLocalFileSystem());
    }
}
