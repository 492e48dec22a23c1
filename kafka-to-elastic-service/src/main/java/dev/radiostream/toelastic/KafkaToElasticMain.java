package dev.radiostream.toelastic;

import java.util.Set;

import dev.radiostream.common.cli.ServiceLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class KafkaToElasticMain {

    public static void main(String... args) {
        ServiceLauncher.launch(KafkaToElasticCommand.class, Set.of(), args);
    }
}
