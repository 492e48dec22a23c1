package dev.radiostream.offsetadmin;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import dev.radiostream.core.cli.CassandraOptions;
import dev.radiostream.core.cli.ConfigFileDefaults;
import dev.radiostream.core.cli.KafkaOptions;
import dev.radiostream.offsetadmin.dashboard.ServiceWatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: the HTTP service, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = ConfigFileDefaults.class,
        description = { "Run the HTTP service on --port until stopped.",
                "GET / (the dashboard), /offsets[?consumer=C&topic=T] (the list as JSON), /dashboard/* (the "
                        + "dashboard's data), /q/health/live, /q/health/ready (Cassandra and Kafka reachable)." })
public class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class);

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @Option(names = "--port", descriptionKey = "quarkus.http.port", paramLabel = "PORT", description = "HTTP port (default: ${DEFAULT-VALUE})")
    Integer portOption;

    @Mixin
    KafkaOptions kafka;

    @Inject
    ServiceWatcher dashboard;

    @Mixin
    CassandraOptions cassandra;

    @Override
    public Integer call() {
        LOG.infof("Serving the dashboard on http://127.0.0.1:%d/, GET /offsets, /q/health/live and /q/health/ready", port);
        dashboard.start();
        Quarkus.waitForExit();
        return 0;
    }
}
