package dev.radiostream.system.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Optional: builds the four images, starts docker-compose.yml with Testcontainers' Compose module and checks that
 * every service becomes healthy and that data reaches Elasticsearch and the offsets table. Needs a Docker engine,
 * the Compose v2 plugin, the packaged services (mvn package) and free host ports (stop ./stack first); it takes
 * several minutes and several GB of memory, so it only runs when asked:
 *
 * <pre>mvn -B -pl system-tests verify -Dtest=ComposeSmokeTest -Dcontainers.smoke=true</pre>
 *
 * (-Dcontainers.smoke is read by this test: Surefire passes -D properties of the command line on to the tests).
 * Without a Docker engine, or without the property, it is skipped.
 */
class ComposeSmokeTest {

    private static final Duration STARTUP = Duration.ofMinutes(6);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theWholeSystemRunsInContainers() throws Exception {
        assumeTrue(dockerAvailable(), "no Docker engine: the Compose smoke test is skipped (the static checks still run)");
        assumeTrue(Boolean.getBoolean("containers.smoke"), "the Compose smoke test runs with -Dcontainers.smoke=true");

        Path root = Repository.root();
        for (String module : Repository.SERVICES) {
            assertTrue(Files.isRegularFile(root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar")),
                    module + " is not packaged: run mvn -B -q package -DskipTests first");
        }
        ContainerChecks checks = ContainerChecks.load(root);
        Map<String, Integer> healthPorts = new TreeMap<>();
        checks.ourServices().forEach((name, module) -> ComposeModel.ports(checks.compose.service(name)).stream()
                .filter(port -> port.published() != null).findFirst()
                .ifPresent(port -> healthPorts.put(name, port.published())));

        ComposeContainer environment = new ComposeContainer(new File(root.toFile(), Repository.COMPOSE_FILE))
                .withBuild(true)
                .withPull(false)
                .withRemoveVolumes(true)
                .withStartupTimeout(STARTUP);
        for (String service : checks.compose.services().keySet()) {
            environment = environment.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(STARTUP));
        }
        environment.start();
        try {
            for (Map.Entry<String, Integer> service : healthPorts.entrySet()) {
                HttpResponse<String> ready = get("http://localhost:" + service.getValue() + "/q/health/ready");
                assertEquals(200, ready.statusCode(), service.getKey() + " is not ready: " + ready.body());
            }
            // Data flows: the producers fill the topics, the consumers index and upsert them.
            awaitCount("http://localhost:9200/song-counts/_count");
            awaitCount("http://localhost:9200/radio-plays/_count");
            HttpResponse<String> offsets = get("http://localhost:8084/offsets");
            assertEquals(200, offsets.statusCode(), offsets.body());
            assertTrue(offsets.body().contains("kafka-to-cassandra-connector"), offsets.body());
        } finally {
            environment.stop();
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static void awaitCount(String url) throws Exception {
        Pattern count = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get(url);
            last = response.statusCode() + " " + response.body();
            Matcher matcher = count.matcher(response.body());
            if (response.statusCode() == 200 && matcher.find() && Long.parseLong(matcher.group(1)) > 0) {
                return;
            }
            Thread.sleep(5_000);
        }
        throw new AssertionError("no documents at " + url + " within 5 minutes; last answer: " + last);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
