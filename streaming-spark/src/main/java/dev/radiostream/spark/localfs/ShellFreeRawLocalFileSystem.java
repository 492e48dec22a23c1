package dev.radiostream.spark.localfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local file system without its shell commands.
 * <p>
 * Without Hadoop's native library (which Spark does not ship) {@link RawLocalFileSystem} starts a child process
 * for two things Spark's checkpoint does on every file it writes: {@code chmod} after each create or mkdir, and
 * {@code readlink} when a rename checks its target. A service ran about 20 such processes per micro-batch, on the
 * thread that commits the batch (about 1.7 ms of CPU and 1.6 ms of wall time each), about 1,000 in a demo. Here
 * both are plain Java: the permission through java.nio, and a rename's check of a regular file or directory as
 * its ordinary status (which is what Hadoop 3.3.4 returns anyway: it passes {@code readlink} a {@code file:} URI,
 * which is never a link). Symbolic links still take Hadoop's own way.
 */
public class ShellFreeRawLocalFileSystem extends RawLocalFileSystem {

    private static final PosixFilePermission[] BY_BIT = { // bit 8 (owner read) down to bit 0 (others execute)
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE };

    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
        Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(permission));
    }

    @Override
    public FileStatus getFileLinkStatus(Path path) throws IOException {
        if (Files.isSymbolicLink(pathToFile(path).toPath())) {
            return super.getFileLinkStatus(path);
        }
        return getFileStatus(path); // throws FileNotFoundException for a missing path, as Hadoop's does
    }

    /** The read, write and execute bits of a Hadoop permission (a sticky bit has no java.nio form and is left out). */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        int bits = permission.toShort();
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BY_BIT.length; i++) {
            if ((bits & (1 << (8 - i))) != 0) {
                result.add(BY_BIT[i]);
            }
        }
        return result;
    }
}
