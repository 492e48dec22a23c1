package dev.radiostream.tocassandra;

import java.util.Set;

import dev.radiostream.common.cli.ServiceLauncher;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class KafkaToCassandraMain {

    public static void main(String... args) {
        ServiceLauncher.launch(KafkaToCassandraCommand.class, Set.of(), args);
    }
}
