package dev.radiostream.spark.query;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars a service ships to the executors of a Spark cluster (spark.jars): its own classes and every library
 * its Spark code needs, computed from its own classpath, so that no worker needs anything copied onto it.
 * <p>
 * Left out: the jars every Spark installation already has on its executors' classpath (Spark itself, Scala and
 * the libraries Spark SQL depends on). The list errs on the side of shipping: a library shipped twice is
 * harmless (Spark's own copy comes first on an executor), one missing fails the first task.
 */
public final class ClusterJars {

    /**
     * Group id (or group and artifact id) prefixes of Spark 3.5 SQL's runtime dependencies (as Maven resolves
     * spark-sql_2.13): what an executor's classpath already holds. Where a service has other artifacts of such a
     * group that its executors could need, the entry names the artifacts (org.apache.commons); other extras of
     * these groups are the HTTP server's (Quarkus' Netty DNS resolver, Jackson modules), never used on executors.
     */
    static final List<String> PROVIDED_BY_SPARK = List.of(
            "org.apache.spark.", "org.scala-lang.", "org.apache.hadoop.", "org.apache.parquet.", "org.apache.orc.",
            "org.apache.arrow.", "org.apache.avro.", "org.apache.hive.", "org.rocksdb.", "com.github.luben.",
            "org.xerial.snappy.", "org.lz4.", "io.netty.", "com.fasterxml.jackson.", "org.glassfish.",
            "org.apache.logging.log4j.", "org.slf4j.", "io.dropwizard.metrics.", "org.json4s.", "org.roaringbitmap.",
            "org.apache.zookeeper.", "org.apache.curator.", "org.apache.datasketches.", "org.apache.ivy.",
            "org.apache.xbean.", "com.twitter.", "com.esotericsoftware.", "org.codehaus.janino.", "org.antlr.",
            "net.razorvine.", "net.sf.py4j.", "com.google.crypto.tink.", "com.ning.",
            // Not the whole group: commons-pool2, for one, is the Kafka source's and no part of Spark itself.
            "org.apache.commons.commons-lang3", "org.apache.commons.commons-math3", "org.apache.commons.commons-text",
            "org.apache.commons.commons-compress", "org.apache.commons.commons-crypto",
            "org.apache.commons.commons-collections4", "commons-codec.", "commons-collections.", "commons-io.",
            "commons-logging.", "org.objenesis.", "org.tukaani.", "org.threeten.", "oro.", "com.clearspring.",
            "org.apache.yetus.", "com.univocity.", "com.google.flatbuffers.", "io.airlift.",
            "com.thoughtworks.paranamer.", "com.google.code.", "com.google.guava.", "com.google.protobuf.",
            "joda-time.", "org.fusesource.leveldbjni.", "org.jetbrains.", "org.javassist.", "javax.activation.",
            "jakarta.annotation.", "jakarta.servlet.", "jakarta.validation.", "jakarta.ws.rs.");

    /** Spark modules that are not part of a Spark installation: the Kafka source and its token provider. */
    static final List<String> SPARK_MODULES_TO_SHIP = List.of("spark-sql-kafka-0-10", "spark-token-provider-kafka-0-10");

    private ClusterJars() {
    }

    /** True for a master URL of a Spark standalone cluster (spark://host:port[,host:port...]). */
    public static boolean isStandaloneMaster(String master) {
        return master != null && master.startsWith("spark://");
    }

    /**
     * The jars of this JVM's classpath to ship. A Quarkus fast-jar runs from quarkus-run.jar, whose application
     * classes and libraries are in app/ and lib/main/ beside it; in dev and test mode the classpath lists them all.
     */
    public static List<Path> forExecutors() {
        List<Path> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName() != null && path.getFileName().toString().equals("quarkus-run.jar")) {
                classpath.addAll(jarsIn(path.resolveSibling("app")));
                classpath.addAll(jarsIn(path.resolveSibling("lib").resolve("main")));
            } else if (Files.isDirectory(path) || entry.endsWith(".jar")) {
                classpath.add(path);
            }
        }
        return select(classpath);
    }

    /** Keeps the jars an executor lacks; a directory (classes of a module in dev mode) cannot be shipped. */
    static List<Path> select(List<Path> classpath) {
        return classpath.stream()
                .filter(path -> path.toString().endsWith(".jar") && Files.isRegularFile(path))
                .filter(path -> !providedBySpark(path))
                .map(path -> path.toAbsolutePath().normalize())
                .distinct()
                .toList();
    }

    /**
     * Decided on the Maven coordinates visible in the path: a Quarkus lib/main file is named
     * {@code groupId.artifactId-version.jar}, a Maven repository path holds {@code /group/id/artifactId/version/}.
     */
    static boolean providedBySpark(Path jar) {
        String fileName = jar.getFileName().toString();
        String path = jar.toString().replace(File.separatorChar, '/');
        if (SPARK_MODULES_TO_SHIP.stream().anyMatch(fileName::contains)) {
            return false;
        }
        return PROVIDED_BY_SPARK.stream().anyMatch(prefix -> fileName.startsWith(prefix)
                || path.contains("/repository/" + prefix.replace('.', '/')));
    }

    /** Total size in bytes, for the log line that says what is shipped. */
    static long totalBytes(List<Path> jars) {
        long total = 0;
        for (Path jar : jars) {
            try {
                total += Files.size(jar);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
