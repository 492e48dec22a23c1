package dev.radiostream.producer;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks the source data set before streaming it: it must exist and hold Parquet files, and where a partition
 * directory is required (the song-counts mode reads the radio from radio=...), every file must be inside one.
 */
final class SourceFiles {

    private SourceFiles() {
    }

    /** Number of Parquet data files under the path (any Hadoop file system); fails with a clear message. */
    static long count(String source) throws IOException {
        return count(source, null);
    }

    /**
     * Number of Parquet data files under the path, each of which must lie inside a {@code <partition>=...}
     * directory under it; fails with a clear message naming the first file that does not.
     */
    static long count(String source, String partition) throws IOException {
        Path path = new Path(source);
        FileSystem fs = path.getFileSystem(new Configuration());
        if (!fs.exists(path)) {
            throw new FileNotFoundException("source path " + source + " does not exist");
        }
        long files = countParquet(fs, path, partition == null ? null : partition + "=");
        if (files == 0) {
            throw new FileNotFoundException("source path " + source + " holds no .parquet files");
        }
        return files;
    }

    /**
     * @param missingPrefix the {@code <partition>=} prefix a file here would still need a directory of, because no
     *                      directory above has it; null when no partition directory is needed (any more)
     */
    private static long countParquet(FileSystem fs, Path directory, String missingPrefix) throws IOException {
        long files = 0;
        // listStatus, not listFiles: the latter looks up block locations of every file, 20 times slower locally.
        for (FileStatus status : fs.listStatus(directory)) {
            String name = status.getPath().getName();
            if (status.isDirectory()) {
                boolean found = missingPrefix != null && name.startsWith(missingPrefix);
                files += countParquet(fs, status.getPath(), found ? null : missingPrefix);
            } else if (name.endsWith(".parquet")) {
                if (missingPrefix != null) {
                    throw new IllegalArgumentException("source file " + status.getPath() + " is not inside a "
                            + missingPrefix + "... directory (the radio is read from the directory name)");
                }
                files++;
            }
        }
        return files;
    }
}
