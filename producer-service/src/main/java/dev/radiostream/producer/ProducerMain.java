package dev.radiostream.producer;

import java.util.Set;

import dev.radiostream.common.cli.ServiceLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class ProducerMain {

    public static void main(String... args) {
        ServiceLauncher.launch(ProducerCommand.class, Set.of(), args);
    }
}
