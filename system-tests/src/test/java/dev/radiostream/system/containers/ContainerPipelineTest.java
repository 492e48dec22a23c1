package dev.radiostream.system.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.pipeline.Endpoints;
import dev.radiostream.pipeline.FlowSnapshot;
import dev.radiostream.pipeline.Http;
import dev.radiostream.pipeline.KafkaTopics;
import dev.radiostream.pipeline.PipelineOptions;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.PlaysResults;
import dev.radiostream.pipeline.ServiceSpec;
import dev.radiostream.pipeline.SongCountResults;
import dev.radiostream.stack.TestNames;
import dev.radiostream.system.pipeline.PipelineTestSupport;

/**
 * The four images built and run for real: the base image is made once (then kept by podman), the four service
 * images are built from the packaged target/quarkus-app, and the seven services of the pipeline (both producers,
 * both Cassandra sink styles, both Elasticsearch modes, offset-admin) run as containers on the host network
 * against the local stack, on the generated data set of the end-to-end tests, whose true counts the test knows.
 *
 * Checked: the Drake totals are exact in Kafka, both Cassandra tables and Elasticsearch, every play is in the
 * radio-plays index; each container is healthy by its image's own HEALTHCHECK command, runs as uid 185 on a
 * read-only root file system with only /tmp writable; offset-admin's one-shot `list` in its image shows every
 * consumer caught up; `podman stop` ends each within its grace period, with the clean stop in its log.
 *
 * Runs where podman works (as root on our CI machines: ./pipeline test installs podman, mmdebstrap and tini);
 * skipped with the reason elsewhere. Prints what it built and ran.
 */
class ContainerPipelineTest extends PipelineTestSupport {

    /** Ports of the containers: 8081-8087 + this, clear of the lead's and ./pipeline's 808x. */
    private static final int PORT_OFFSET = 10_000;
    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(8);

    private final List<ServiceContainer> containers = new ArrayList<>();

    @Test
    void theFourImagesBuildAndThePipelineRunsInContainers() throws Exception {
        Optional<String> unusable = Podman.whyUnusable().or(ContainerImages::whyNoBaseImage);
        assumeTrue(unusable.isEmpty(), () -> "container run skipped: " + unusable.orElseThrow());
        Instant testStart = Instant.now();
        StringBuilder report = new StringBuilder("\n=== Containers built and run (ContainerPipelineTest) ===\n");

        Duration baseTook = ContainerImages.ensureBaseImage();
        report.append(String.format("base image %s: %s%n", ContainerImages.baseImage(),
                baseTook.isZero() ? "cached" : "made in " + baseTook.toSeconds() + " s"));
        Map<String, ContainerImages.Built> images = new LinkedHashMap<>();
        for (String module : Repository.SERVICES) {
            ContainerImages.Built built = ContainerImages.build(ROOT, module);
            images.put(module, built);
            report.append("  ").append(built.line()).append('\n');
        }

        // The same seven services, commands and environment as ./pipeline, with paths inside the containers:
        // the data set mounted at /deployments/data, producer checkpoints under the writable /tmp.
        String id = TestNames.unique("ctr");
        Endpoints endpoints = new Endpoints(stack.kafkaBootstrapServers(), stack.cassandraHostAndPort(),
                stack.elasticsearchUrl(), id, id + "-song-counts", id + "-plays", id + "-song-counts", id + "-plays");
        // 16 files per trigger: the 48 files of the generated data in 3 micro-batches, to keep the run short.
        PipelineOptions options = new PipelineOptions("Drake", false, 16, new LinkedHashSet<>(PipelineServices.ALL),
                Path.of("/deployments/data/plays-partitioned"), Path.of("/deployments/data/broadcast"), Path.of("/tmp"),
                endpoints, PORT_OFFSET);
        List<ServiceSpec> specs = PipelineServices.specs(options, false);
        for (ServiceSpec spec : specs) {
            ServiceContainer container = new ServiceContainer(spec, "radiostream-test-", memoryOf(spec));
            containers.add(container);
            container.start(data);
        }

        Instant started = Instant.now();
        FlowSnapshot flowed = awaitFlowed(specs, endpoints, started);
        report.append(String.format("pipeline of %d containers: all data flowed %d s after they were started%n",
                containers.size(), Duration.between(started, Instant.now()).toSeconds()));
        report.append("  ").append(flowed.line()).append('\n');

        List<SongCountResults.Song> songs = SongCountResults.collect(endpoints, "Drake");
        assertExact(songs, true, true);
        assertEquals(PLAYS.playsPerRadio(), PlaysResults.perRadio(endpoints), "radio-plays per radio");
        long drakePlays = songs.stream().mapToLong(SongCountResults.Song::kafka).sum();
        report.append(String.format("  Drake: %d songs, %d plays, exact in Kafka, song_counts, song_counts_foreach and"
                + " Elasticsearch; radio-plays per radio %s as generated%n", songs.size(), drakePlays, PLAYS.playsPerRadio()));

        report.append(String.format("  %-50s %-42s %5s  %-8s %4s  %s%n", "container", "image", "port", "health", "uid",
                "root file system"));
        for (ServiceContainer container : containers) {
            assertHealthyByItsOwnHealthcheck(container);
            String uid = assertRunsAsServiceUserOnReadOnlyRoot(container);
            report.append(String.format("  %-50s %-42s %5d  %-8s %4s  read-only, /tmp writable%n", container.name,
                    container.image, container.spec.port(), container.healthStatus(), uid));
        }
        report.append("  ").append(assertOffsetAdminListsEveryConsumerCaughtUp(endpoints, specs)).append('\n');

        // Consumers first, as ./pipeline stop does, then the producers.
        List<ServiceContainer> stopOrder = new ArrayList<>(containers.stream()
                .filter(c -> !PipelineServices.isProducer(c.spec.name())).toList());
        containers.stream().filter(c -> PipelineServices.isProducer(c.spec.name())).forEach(stopOrder::add);
        for (ServiceContainer container : stopOrder) {
            ServiceContainer.Stop stop = container.stop();
            String cleanLine = assertStoppedCleanly(container, stop);
            report.append(String.format("  podman stop %-50s %4.1f s, exit %d: %s%n", container.name,
                    stop.took().toMillis() / 1000.0, stop.exitCode(), cleanLine));
        }
        report.append(String.format("whole container test: %d s%n", Duration.between(testStart, Instant.now()).toSeconds()));
        System.out.println(report);
    }

    /** Like Pipeline.awaitFlowed: every service answers and all data has flowed, seen twice in a row. */
    private FlowSnapshot awaitFlowed(List<ServiceSpec> specs, Endpoints endpoints, Instant started)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(FLOW_TIMEOUT);
        Instant nextPrint = Instant.now();
        boolean flowedBefore = false;
        try (KafkaTopics kafka = new KafkaTopics(endpoints.kafka())) {
            while (true) {
                for (ServiceContainer container : containers) {
                    assertTrue(container.running(), () -> container.name + " exited; its log:\n" + tail(container.logs()));
                }
                FlowSnapshot snapshot = FlowSnapshot.take(specs, endpoints, kafka);
                if (Instant.now().isAfter(nextPrint)) {
                    System.out.printf("[containers %3d s] %s%n", Duration.between(started, Instant.now()).toSeconds(),
                            snapshot.line());
                    nextPrint = Instant.now().plusSeconds(20);
                }
                if (snapshot.allFlowed() && flowedBefore) {
                    return snapshot;
                }
                flowedBefore = snapshot.allFlowed();
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the data had not flowed after " + FLOW_TIMEOUT.toSeconds() + " s: "
                            + snapshot.line());
                }
                Thread.sleep(2000);
            }
        }
    }

    /** The image's HEALTHCHECK command (curl on /q/health/ready), run by podman inside the container. */
    private static void assertHealthyByItsOwnHealthcheck(ServiceContainer container) {
        String healthcheck = container.inspect("{{json .Config.Healthcheck.Test}}");
        assertTrue(healthcheck.contains("/q/health/ready"), container.name + ": the image's HEALTHCHECK is " + healthcheck);
        assertTrue(container.healthCheckPasses(), container.name + ": its HEALTHCHECK command fails");
        assertEquals("healthy", container.healthStatus(), container.name);
    }

    /** uid 185 from the image's USER; the root file system refuses writes, /tmp takes them. Returns the uid. */
    private static String assertRunsAsServiceUserOnReadOnlyRoot(ServiceContainer container) {
        Podman.Result uid = container.exec("id", "-u");
        assertEquals("185", uid.stdout().strip(), container.name + ": " + uid.describe());
        assertEquals("true", container.inspect("{{.HostConfig.ReadonlyRootfs}}"), container.name);
        for (String directory : List.of("/deployments", "/var/tmp", "/home", "/")) {
            Podman.Result write = container.exec("touch", directory + "/written-by-test");
            assertFalse(write.ok(), container.name + ": " + directory + " is writable");
            assertTrue(write.stderr().contains("Read-only file system"), container.name + ": " + write.describe());
        }
        Podman.Result tmp = container.exec("sh", "-c", "echo x > /tmp/written-by-test && rm /tmp/written-by-test");
        assertTrue(tmp.ok(), container.name + ": /tmp is not writable: " + tmp.describe());
        return uid.stdout().strip();
    }

    /**
     * offset-admin-service's one-shot command in its own image (a second, temporary container): every consumer
     * has stored offsets with no lag. Also asks the serving container's GET /offsets.
     */
    private String assertOffsetAdminListsEveryConsumerCaughtUp(Endpoints endpoints, List<ServiceSpec> specs) throws Exception {
        ServiceSpec admin = specs.stream().filter(s -> s.name().equals(PipelineServices.OFFSET_ADMIN)).findFirst().orElseThrow();
        List<String> arguments = new ArrayList<>(List.of("run", "--rm", "--network", "host", "--read-only",
                "--read-only-tmpfs=false", "--tmpfs", "/tmp:rw,mode=1777", "--health-interval", "disable"));
        admin.env().forEach((key, value) -> arguments.addAll(List.of("--env", key + "=" + value)));
        arguments.addAll(List.of(Repository.IMAGE_PREFIX + admin.module() + ":" + ContainerImages.TAG,
                "list", "--output", "json"));
        Podman.Result list = Podman.run(Duration.ofMinutes(2), arguments);
        assertEquals(0, list.exitCode(), "offset-admin list: " + list.describe());
        // The JSON array is the last thing on stdout (Quarkus may log a line or two before it).
        String stdout = list.stdout();
        int array = stdout.startsWith("[") ? 0 : stdout.indexOf("\n[") + 1;
        JsonNode rows = Http.JSON.readTree(stdout.substring(array));

        Map<String, Long> lagPerConsumer = new TreeMap<>();
        for (JsonNode row : rows) {
            long lag = row.path("lag").isNumber() ? row.path("lag").asLong() : -1; // null: no offset stored
            lagPerConsumer.merge(row.path("consumer").asText(), lag, (x, y) -> x < 0 || y < 0 ? -1 : x + y);
        }
        Map<String, Long> expected = new TreeMap<>();
        specs.stream().filter(s -> PipelineServices.isConsumer(s.name())).forEach(s -> expected.put(s.name(), 0L));
        assertEquals(expected, lagPerConsumer, "every consumer's offsets stored, lag 0: " + rows);

        JsonNode served = Http.get(admin.baseUrl() + "/offsets").orElseThrow(() -> new AssertionError("GET /offsets"));
        assertEquals(rows.size(), served.size(), "GET /offsets of the serving container: " + served);
        return String.format("offset-admin: `list` in its image shows %d consumers, %d partitions, lag 0; GET /offsets"
                + " on :%d agrees", expected.size(), rows.size(), admin.port());
    }

    /** Within the grace period, by SIGTERM (exit 143, not SIGKILL's 137), the query and Quarkus stopped in the log. */
    private static String assertStoppedCleanly(ServiceContainer container, ServiceContainer.Stop stop) {
        String log = container.logs();
        assertTrue(stop.took().compareTo(ServiceContainer.GRACE) < 0, container.name + " took " + stop.took());
        assertTrue(stop.exitCode() == 143 || stop.exitCode() == 0,
                container.name + " ended with exit code " + stop.exitCode() + ":\n" + tail(log));
        String quarkusStopped = container.spec.module() + " stopped in";
        assertTrue(log.contains(quarkusStopped), container.name + ": no '" + quarkusStopped + "' in its log:\n" + tail(log));
        if (PipelineServices.OFFSET_ADMIN.equals(container.spec.name())) {
            return lineWith(log, quarkusStopped);
        }
        // Each service names its query as ./pipeline names the process (producer-plays, kafka-to-elastic-plays, ...).
        String queryStopped = "Query " + container.spec.name() + " stopped";
        assertTrue(log.contains(queryStopped), container.name + ": no '" + queryStopped + "' in its log:\n" + tail(log));
        return lineWith(log, queryStopped) + " / " + lineWith(log, quarkusStopped);
    }

    private static String memoryOf(ServiceSpec spec) {
        return switch (spec.name()) {
            case PipelineServices.OFFSET_ADMIN -> "512m";
            default -> "1g";
        };
    }

    private static String lineWith(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).reduce((first, second) -> second)
                .map(line -> line.replaceFirst("^\\S+\\s+INFO\\s+\\[[^]]*\\]\\s*", "")).orElse("?");
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @AfterEach
    void removeContainers() {
        containers.forEach(ServiceContainer::remove);
    }
}
