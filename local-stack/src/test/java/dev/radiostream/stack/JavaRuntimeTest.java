package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {

    @TempDir
    Path dir;

    private Path fakeJdk(String name, String javaVersion) throws IOException {
        Path home = dir.resolve(name);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
        return home;
    }

    @Test
    void aJdk17IsRecognisedFromItsReleaseFile() throws IOException {
        assertTrue(JavaRuntime.isJava17Home(fakeJdk("jdk17", "17.0.15")));
    }

    @Test
    void otherVersionsAreNot() throws IOException {
        assertFalse(JavaRuntime.isJava17Home(fakeJdk("jdk21", "21.0.4")));
        assertFalse(JavaRuntime.isJava17Home(fakeJdk("jdk1", "1.7.0")));
        assertFalse(JavaRuntime.isJava17Home(fakeJdk("jdk170", "170")));
    }

    @Test
    void aDirectoryWithoutJavaIsNot() throws IOException {
        assertFalse(JavaRuntime.isJava17Home(Files.createDirectories(dir.resolve("empty"))));
    }
}
