package dev.radiostream.spark.localfs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.local.LocalConfigKeys;

/**
 * Hadoop's local {@code FileContext} file system (with its checksum files) over
 * {@link ShellFreeRawLocalFileSystem}: what Spark's checkpoint manager (FileContextBasedCheckpointFileManager)
 * gets for {@code file:} paths ({@code spark.hadoop.fs.AbstractFileSystem.file.impl}). Hadoop's own
 * {@code org.apache.hadoop.fs.local.LocalFs} hard-wires the shell-using raw file system.
 */
public class ShellFreeLocalFs extends ChecksumFs {

    public ShellFreeLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(new Raw(uri, conf));
    }

    /** The raw side, as Hadoop's {@code org.apache.hadoop.fs.local.RawLocalFs} (whose constructor is not public). */
    static final class Raw extends DelegateToFileSystem {

        Raw(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new ShellFreeRawLocalFileSystem(), conf, uri.getScheme(), false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1; // no port: a local path
        }

        @Override
        @SuppressWarnings("deprecation") // RawLocalFs overrides both, the old one included
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public FsServerDefaults getServerDefaults(Path path) throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            return true; // any local path name, as RawLocalFs says
        }
    }
}
