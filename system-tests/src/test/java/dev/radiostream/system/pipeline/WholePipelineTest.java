package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.radiostream.pipeline.ClientSecurity;
import dev.radiostream.pipeline.Http;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.PlaysResults;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.SongCountResults;
import dev.radiostream.pipeline.SparkPlacement;
import dev.radiostream.stack.LocalStack;
import dev.radiostream.stack.StackEndpoints;
import dev.radiostream.system.browser.HeadlessChromium;

/**
 * The whole pipeline on the secured stack (SASL_SSL Kafka, password + TLS Cassandra, Elasticsearch with a user over
 * HTTPS), the services configured only through the stack's services.env variables with passwords in files: Kafka,
 * both Cassandra tables and Elasticsearch hold the true counts, the plays index every play, and no password shows in
 * any log, /status or readiness answer.
 * <p>
 * One whole-pipeline run per suite (each takes minutes on 2 cores): where a headless browser is installed,
 * {@link DashboardBrowserTest} makes these checks on its own run, watched in the dashboard, and this test is skipped.
 * The plain (unsecured) stack runs the whole pipeline in {@link ClusterPipelineTest} and the container test.
 */
class WholePipelineTest extends PipelineTestSupport {

    static final LocalStack SECURED = LocalStack.secured();
    /** HTTP ports 29581-29587: apart from the other end-to-end tests' 9081-9087, which may run at the same time. */
    static final int SECURED_PORT_OFFSET = 21500;
    /** TLS on every connection and a shared 2-core machine: the first run here needed more than the plain 6 min. */
    static final Duration SECURED_FLOW_TIMEOUT = Duration.ofMinutes(12);

    @Test
    void everyStoreExactAndNoSecretShownOnTheSecuredStack() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.missing().isPresent(),
                "DashboardBrowserTest runs the whole pipeline on the secured stack and makes these checks");
        Pipeline pipeline = securedWholePipeline(this);
        pipeline.start("768m");
        pipeline.awaitFlowed(SECURED_FLOW_TIMEOUT, snapshot -> { });
        assertEveryStoreExact(pipeline);
        List<String> answers = answersOf(pipeline);
        pipeline.stop();
        assertNoSecretShown(pipeline, answers);
    }

    /** Every service on the secured stack, reached with the settings of its services.env. */
    static Pipeline securedWholePipeline(PipelineTestSupport test) {
        StackEndpoints servers = SECURED.ensureUp();
        return test.pipeline(new LinkedHashSet<>(PipelineServices.ALL), 4, SparkPlacement.LOCAL, servers,
                ClientSecurity.from(SECURED.security().serviceEnvironment(servers)), SECURED_PORT_OFFSET);
    }

    /** Kafka, both Cassandra tables and Elasticsearch hold the true Drake counts; the plays index every play. */
    static void assertEveryStoreExact(Pipeline pipeline) throws Exception {
        List<SongCountResults.Song> songs = SongCountResults.collect(pipeline.options().endpoints(), "Drake");
        assertExact(songs, true, true);
        assertTrue(songs.stream().allMatch(SongCountResults.Song::agree));
        assertEquals(PLAYS.playsPerRadio(), PlaysResults.perRadio(pipeline.options().endpoints()), "radio-plays per radio");
    }

    /** What every running service answers on /status, /q/health/ready and /q/health. */
    static List<String> answersOf(Pipeline pipeline) {
        List<String> answers = new ArrayList<>();
        for (ServiceProcess service : pipeline.processes()) {
            for (String path : List.of("/status", "/q/health/ready", "/q/health")) {
                Http.get(service.spec().baseUrl() + path).ifPresent(body -> answers.add(body.toString()));
            }
        }
        assertTrue(answers.size() >= 7, "every service answered");
        return answers;
    }

    /** No secret of the secured stack in any log of the (stopped) pipeline's run nor in these answers. */
    static void assertNoSecretShown(Pipeline pipeline, List<String> answers) throws IOException {
        assertNoSecret(SECURED.security().secrets(), logs(pipeline.options().runDir()), String.join("\n", answers));
    }

    static Map<Path, String> logs(Path dir) throws IOException {
        Map<Path, String> logs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") && Files.isRegularFile(f)).toList()) {
                logs.put(file, Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return logs;
    }

    static void assertNoSecret(List<String> secrets, Map<Path, String> logs, String answers) {
        assertFalse(logs.isEmpty(), "the run wrote logs");
        for (String secret : secrets) {
            logs.forEach((log, text) -> assertFalse(text.contains(secret), log + " shows a secret"));
            assertFalse(answers.contains(secret), "an answer shows a secret");
        }
    }
}
