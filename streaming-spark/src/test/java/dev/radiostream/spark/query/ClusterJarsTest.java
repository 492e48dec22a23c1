package dev.radiostream.spark.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClusterJarsTest {

    @Test
    void sparkScalaAndSparksOwnLibrariesStayBehindInAQuarkusLibDirectory() {
        for (String name : List.of("org.apache.spark.spark-core_2.13-3.5.4.jar", "org.scala-lang.scala-library-2.13.8.jar",
                "org.apache.hadoop.hadoop-client-api-3.3.4.jar", "io.netty.netty-common-4.1.118.Final.jar",
                "commons-io.commons-io-2.16.1.jar")) {
            assertTrue(ClusterJars.providedBySpark(Path.of("/app/lib/main", name)), name);
        }
    }

    @Test
    void theServiceTheConnectorsAndTheKafkaSourceAreShipped() {
        for (String name : List.of("com.datastax.spark.spark-cassandra-connector_2.13-3.5.1.jar",
                "org.elasticsearch.elasticsearch-spark-30_2.13-8.14.3.jar",
                "org.apache.spark.spark-sql-kafka-0-10_2.13-3.5.4.jar",
                "org.apache.spark.spark-token-provider-kafka-0-10_2.13-3.5.4.jar",
                "org.apache.kafka.kafka-clients-3.4.1.jar", "org.apache.commons.commons-pool2-2.12.0.jar", "dev.radiostream.streaming-spark-1.0.0-SNAPSHOT.jar")) {
            assertFalse(ClusterJars.providedBySpark(Path.of("/app/lib/main", name)), name);
        }
    }

    @Test
    void mavenRepositoryPathsAreJudgedByTheirGroupDirectories() {
        assertTrue(ClusterJars.providedBySpark(
                Path.of("/root/.m2/repository/org/apache/spark/spark-core_2.13/3.5.4/spark-core_2.13-3.5.4.jar")));
        assertTrue(ClusterJars.providedBySpark(
                Path.of("/root/.m2/repository/commons-io/commons-io/2.16.1/commons-io-2.16.1.jar")));
        assertFalse(ClusterJars.providedBySpark(
                Path.of("/root/.m2/repository/org/apache/spark/spark-sql-kafka-0-10_2.13/3.5.4/spark-sql-kafka-0-10_2.13-3.5.4.jar")));
        assertFalse(ClusterJars.providedBySpark(
                Path.of("/root/.m2/repository/com/datastax/spark/spark-cassandra-connector_2.13/3.5.1/x.jar")));
    }

    @Test
    void onlyStandaloneMastersAreClusters() {
        assertTrue(ClusterJars.isStandaloneMaster("spark://127.0.0.1:7077"));
        assertFalse(ClusterJars.isStandaloneMaster("local[*]"));
        assertFalse(ClusterJars.isStandaloneMaster(null));
    }
}
