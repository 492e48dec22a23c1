package dev.radiostream.producer;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Checks the source data set before streaming it: it must exist and hold Parquet files. */
final class SourceFiles {

    private SourceFiles() {
    }

    /** Number of Parquet data files under the path (any Hadoop file system); fails with a clear message. */
    static long count(String source) throws IOException {
        Path path = new Path(source);
        FileSystem fs = path.getFileSystem(new Configuration());
        if (!fs.exists(path)) {
            throw new FileNotFoundException("source path " + source + " does not exist");
        }
        long files = countParquet(fs, path);
        if (files == 0) {
            throw new FileNotFoundException("source path " + source + " holds no .parquet files");
        }
        return files;
    }

    // listStatus, not listFiles: the latter looks up block locations of every file, 20 times slower locally.
    private static long countParquet(FileSystem fs, Path directory) throws IOException {
        long files = 0;
        for (FileStatus status : fs.listStatus(directory)) {
            if (status.isDirectory()) {
                files += countParquet(fs, status.getPath());
            } else if (status.getPath().getName().endsWith(".parquet")) {
                files++;
            }
        }
        return files;
    }
}
