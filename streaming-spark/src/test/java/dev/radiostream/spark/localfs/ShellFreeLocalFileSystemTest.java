package dev.radiostream.spark.localfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

class ShellFreeLocalFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    /** The Hadoop configuration the services give Spark (streaming-spark's microprofile-config.properties). */
    private static Configuration shellFree() {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", ShellFreeLocalFileSystem.class.getName());
        conf.set("fs.AbstractFileSystem.file.impl", ShellFreeLocalFs.class.getName());
        // A fresh instance of the configured class, not one cached by an earlier test.
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    @Test
    void permissionsMapBitForBit() {
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"),
                ShellFreeRawLocalFileSystem.posix(new FsPermission((short) 0644)));
        assertEquals(PosixFilePermissions.fromString("rwxr-x--x"),
                ShellFreeRawLocalFileSystem.posix(new FsPermission((short) 0751)));
        assertEquals(PosixFilePermissions.fromString("rwxrwxrwx"),
                ShellFreeRawLocalFileSystem.posix(new FsPermission((short) 01777)));
    }

    @Test
    void checkpointWritesStartNoProcessAndKeepTheirMeaning() throws Exception {
        Path checkpoint = new Path(dir.toUri().toString(), "checkpoint/offsets");
        List<String> started = processesStartedDuring(() -> {
            CheckpointFileManager manager = CheckpointFileManager$.MODULE$.create(checkpoint, shellFree());
            manager.mkdirs(checkpoint);
            for (int batch = 0; batch < 3; batch++) {
                Path file = new Path(checkpoint, Integer.toString(batch));
                try (FSDataOutputStream out = manager.createAtomic(file, false)) {
                    out.write(("batch " + batch).getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        assertEquals(List.of(), started);
        java.nio.file.Path written = dir.resolve("checkpoint/offsets/2");
        assertEquals("batch 2", Files.readString(written));
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(written),
                "default file permission 0666 less the default umask 022");
        assertTrue(Files.exists(dir.resolve("checkpoint/offsets/.2.crc")),
                "checksum files as Hadoop's local file system");
    }

    @Test
    void theStockLocalFileSystemStartsProcessesWhichIsWhatThisReplaces() throws Exception {
        Path checkpoint = new Path(dir.toUri().toString(), "stock");
        Configuration stock = new Configuration(false);
        stock.setBoolean("fs.file.impl.disable.cache", true);
        List<String> started = processesStartedDuring(() -> {
            CheckpointFileManager manager = CheckpointFileManager$.MODULE$.create(checkpoint, stock);
            manager.mkdirs(checkpoint);
            try (FSDataOutputStream out = manager.createAtomic(new Path(checkpoint, "0"), false)) {
                out.write(1);
            }
        });
        assertTrue(started.stream().anyMatch(command -> command.startsWith("chmod")), started.toString());
    }

    @Test
    void renameRefusesToOverwriteAnExistingTarget() throws Exception {
        FileContext files = FileContext.getFileContext(dir.toUri(), shellFree());
        Path first = new Path(dir.toUri().toString(), "first");
        Path second = new Path(dir.toUri().toString(), "second");
        Files.writeString(dir.resolve("first"), "1");
        Files.writeString(dir.resolve("second"), "2");
        assertThrows(FileAlreadyExistsException.class, () -> files.rename(first, second, Options.Rename.NONE));
        files.rename(first, second, Options.Rename.OVERWRITE);
        assertEquals("1", Files.readString(dir.resolve("second")));
        assertFalse(Files.exists(dir.resolve("first")));
    }

    @Test
    void linkStatusAnswersAsHadoopsOwn() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        Files.createDirectory(dir.resolve("directory"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("file"));
        RawLocalFileSystem stock = new RawLocalFileSystem();
        stock.initialize(dir.toUri(), new Configuration(false));
        ShellFreeRawLocalFileSystem shellFree = new ShellFreeRawLocalFileSystem();
        shellFree.initialize(dir.toUri(), new Configuration(false));

        for (String name : List.of("file", "directory", "link")) {
            for (Path path : List.of(new Path(dir.toUri().toString(), name), new Path(dir.resolve(name).toString()))) {
                FileStatus expected = stock.getFileLinkStatus(path);
                FileStatus actual = shellFree.getFileLinkStatus(path);
                assertEquals(expected.isFile(), actual.isFile(), path.toString());
                assertEquals(expected.isDirectory(), actual.isDirectory(), path.toString());
                assertEquals(expected.isSymlink(), actual.isSymlink(), path.toString());
                assertEquals(expected.getLen(), actual.getLen(), path.toString());
                assertEquals(expected.getPath(), actual.getPath(), path.toString());
            }
        }
        // Hadoop sees a link only on a path without a scheme (it hands readlink the path's text): the same here.
        assertTrue(shellFree.getFileLinkStatus(new Path(dir.resolve("link").toString())).isSymlink());
        Path missing = new Path(dir.resolve("missing").toString());
        assertThrows(FileNotFoundException.class, () -> shellFree.getFileLinkStatus(missing));
    }

    private interface FileWork {
        void run() throws IOException;
    }

    /** The command lines of the processes this JVM started while {@code work} ran (JFR's jdk.ProcessStart events). */
    private List<String> processesStartedDuring(FileWork work) throws Exception {
        java.nio.file.Path events = dir.resolve("process-starts.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ProcessStart");
            recording.start();
            work.run();
            recording.stop();
            recording.dump(events);
        }
        return RecordingFile.readAllEvents(events).stream()
                .map((RecordedEvent event) -> event.getString("command")).toList();
    }
}
