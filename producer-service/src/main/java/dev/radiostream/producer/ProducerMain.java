package dev.radiostream.producer;

import java.util.Set;

import dev.radiostream.spark.query.SparkServiceLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class ProducerMain {

    public static void main(String... args) {
        SparkServiceLauncher.launch(ProducerCommand.class, Set.of(), args);
    }
}
