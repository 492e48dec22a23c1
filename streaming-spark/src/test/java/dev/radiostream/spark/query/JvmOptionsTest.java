package dev.radiostream.spark.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The JVM options Spark needs exist twice: in the root pom (tests, dev mode) and in jvm.options (the
 * ./service launcher and container images). They must not drift apart.
 */
class JvmOptionsTest {

    @Test
    void jvmOptionsFileMatchesThePom() throws Exception {
        Path root = Path.of(System.getProperty("stack.repository.root", ".."));
        List<String> fromFile = Files.readAllLines(root.resolve("jvm.options")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        String pom = Files.readString(root.resolve("pom.xml"));
        String property = pom.substring(pom.indexOf("<spark.jvm.options>") + "<spark.jvm.options>".length(),
                pom.indexOf("</spark.jvm.options>"));
        assertEquals(Arrays.asList(property.trim().split("\\s+")), fromFile);
    }

    @Test
    void thisTestJvmHasTheOptions() {
        // Surefire's argLine comes from the same pom property.
        assertEquals(true, Object.class.getModule().isOpen("sun.nio.ch", JvmOptionsTest.class.getModule()));
    }
}
