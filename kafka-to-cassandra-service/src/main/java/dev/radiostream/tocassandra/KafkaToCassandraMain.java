package dev.radiostream.tocassandra;

import java.util.Set;

import dev.radiostream.spark.query.SparkServiceLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class KafkaToCassandraMain {

    public static void main(String... args) {
        SparkServiceLauncher.launch(KafkaToCassandraCommand.class, Set.of(), args);
    }
}
