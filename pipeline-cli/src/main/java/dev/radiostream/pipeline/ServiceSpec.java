package dev.radiostream.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One service process of the pipeline.
 *
 * @param name   process name, also its log and pid file name (e.g. kafka-to-cassandra-connector)
 * @param module the Maven module whose packaged jar runs (e.g. kafka-to-cassandra-service)
 * @param port   its HTTP port
 * @param args   command-line arguments
 * @param env    extra environment (configuration overrides)
 */
public record ServiceSpec(String name, String module, int port, List<String> args, Map<String, String> env) {

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
