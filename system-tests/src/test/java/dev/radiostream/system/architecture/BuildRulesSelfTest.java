package dev.radiostream.system.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.radiostream.system.containers.Repository;

/**
 * The architecture rules of the root pom (maven-enforcer-plugin) fail on deliberately broken modules, each with the
 * message naming its rule, and leave a well-behaved module alone. The broken modules form a small reactor of their
 * own whose parent is the real root pom, so they inherit the very rules the build applies (one Maven run, ~10 s).
 * That the rules pass on the repository is shown by every build: they run before anything is compiled.
 */
class BuildRulesSelfTest {

    private static final Pattern FAILED_PROJECT = Pattern.compile("Failed to execute goal .*?enforce \\(([\\w-]+)\\) on project ([\\w-]+)");

    @Test
    void eachRuleFailsOnABrokenModuleWithItsName(@TempDir Path reactor) throws Exception {
        Path root = Repository.root();
        String parent = reactor.relativize(root.resolve("pom.xml")).toString();
        module(reactor, parent, "a-service", "pom", "", "");
        // Rule "services are independent": one service depends on another.
        module(reactor, parent, "b-service", "pom", "", dependency("dev.radiostream", "a-service", "${project.version}", "pom", "compile"));
        // Rule "local-stack in tests only": local-stack on the main class path.
        module(reactor, parent, "local-stack", "pom", "", "");
        module(reactor, parent, "uses-stack", "pom", "", dependency("dev.radiostream", "local-stack", "${project.version}", "pom", "compile"));
        // Rule "no Spark": Spark in a module that must run without it.
        module(reactor, parent, "spark-free", "pom", "<properties><architecture.allows-spark>false</architecture.allows-spark></properties>",
                dependency("org.apache.spark", "spark-sql_${scala.binary.version}", null, null, "compile"));
        // None broken: the same dependencies where they are allowed.
        module(reactor, parent, "well-behaved", "pom", "",
                dependency("dev.radiostream", "local-stack", "${project.version}", "pom", "test")
                        + dependency("org.apache.spark", "spark-sql_${scala.binary.version}", null, null, "compile"));
        Files.writeString(reactor.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>dev.radiostream</groupId><artifactId>radio-streaming-parent</artifactId>
                    <version>1.0.0-SNAPSHOT</version><relativePath>%s</relativePath></parent>
                  <artifactId>broken-copies</artifactId>
                  <packaging>pom</packaging>
                  <modules>
                    <module>a-service</module><module>b-service</module><module>local-stack</module>
                    <module>uses-stack</module><module>spark-free</module><module>well-behaved</module>
                  </modules>
                </project>
                """.formatted(parent));

        String output = maven(root, reactor);

        Set<String> failures = new TreeSet<>();
        Matcher failed = FAILED_PROJECT.matcher(output);
        while (failed.find()) {
            failures.add(failed.group(2) + " breaks " + failed.group(1));
        }
        assertEquals(Set.of("b-service breaks services-are-independent", "uses-stack breaks local-stack-in-tests-only",
                "spark-free breaks no-spark"), failures, output);
        assertTrue(output.contains("Architecture rule \"services are independent\""), output);
        assertTrue(output.contains("Architecture rule \"local-stack in tests only\""), output);
        assertTrue(output.contains("Architecture rule \"no Spark\""), output);
    }

    private static void module(Path reactor, String parentFromReactor, String artifactId, String packaging, String extra,
            String dependencies) throws IOException {
        Path directory = Files.createDirectories(reactor.resolve(artifactId));
        Files.writeString(directory.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>dev.radiostream</groupId><artifactId>radio-streaming-parent</artifactId>
                    <version>1.0.0-SNAPSHOT</version><relativePath>../%s</relativePath></parent>
                  <artifactId>%s</artifactId>
                  <packaging>%s</packaging>
                  %s
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(parentFromReactor, artifactId, packaging, extra, dependencies));
    }

    private static String dependency(String groupId, String artifactId, String version, String type, String scope) {
        return "<dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId>"
                + (version == null ? "" : "<version>" + version + "</version>")
                + (type == null ? "" : "<type>" + type + "</type>")
                + "<scope>" + scope + "</scope></dependency>";
    }

    /** Runs the validate phase (where the rules run) of the reactor with the repository's Maven wrapper; its output. */
    private static String maven(Path root, Path reactor) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-fae",
                "-f", reactor.resolve("pom.xml").toString(), "validate"));
        Path log = reactor.resolve("maven.log");
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Maven did not finish within 5 minutes: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), output);
        return output;
    }
}
