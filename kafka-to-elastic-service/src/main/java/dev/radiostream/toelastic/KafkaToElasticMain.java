package dev.radiostream.toelastic;

import java.util.Set;

import dev.radiostream.spark.query.SparkServiceLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class KafkaToElasticMain {

    public static void main(String... args) {
        SparkServiceLauncher.launch(KafkaToElasticCommand.class, Set.of(), args);
    }
}
