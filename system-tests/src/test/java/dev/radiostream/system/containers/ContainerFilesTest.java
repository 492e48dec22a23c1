package dev.radiostream.system.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the container build and docker-compose.yml. No Docker engine needed: only the Compose command
 * line (docker-compose config). ComposeSmokeTest runs the stack where an engine exists.
 */
class ContainerFilesTest {

    private static Path root;
    private static ContainerChecks checks;

    @BeforeAll
    static void load() {
        root = Repository.root();
        checks = ContainerChecks.load(root);
    }

    @Test
    void composeConfigValidates() {
        ComposeTool compose = ComposeTool.find().orElseGet(() -> fail(ComposeTool.INSTALL_HINT));
        ComposeTool.Result result = compose.run(root, "-f", Repository.COMPOSE_FILE, "config", "-q");
        assertEquals(0, result.exitCode(), () -> String.join(" ", compose.command) + " -f " + Repository.COMPOSE_FILE
                + " config -q (" + compose.version() + ") failed:\n" + result.output());
    }

    @Test
    void everyServiceHasAnImageWithAllItNeeds() {
        assertNoProblems("Dockerfiles", checks.dockerfileProblems());
    }

    @Test
    void everyImageIsBuiltFromAnExistingContextAndDockerfile() {
        assertNoProblems("image builds", checks.buildProblems());
    }

    @Test
    void composeRunsEveryModeOfEveryServiceOnce() {
        Map<String, String> modeKeys = Map.of("producer-service", "producer.mode",
                "kafka-to-cassandra-service", "kafka-to-cassandra.sink-style", "kafka-to-elastic-service", "kafka-to-elastic.mode");
        Map<String, List<String>> modes = new TreeMap<>();
        checks.ourServices().forEach((name, module) -> {
            String key = modeKeys.get(module);
            String mode = key == null ? "serve" : checks.compose.environment(checks.compose.service(name))
                    .getOrDefault(ServiceConfig.environmentName(key), checks.configs.get(module).keys.get(key));
            modes.computeIfAbsent(module, m -> new ArrayList<>()).add(mode);
        });
        modes.values().forEach(Collections::sort);
        assertEquals(Map.of("producer-service", List.of("plays", "song-counts"),
                "kafka-to-cassandra-service", List.of("connector", "foreach-writer"),
                "kafka-to-elastic-service", List.of("plays", "song-counts"),
                "offset-admin-service", List.of("serve")), modes);
    }

    @Test
    void everyEnvironmentVariableSetsARealConfigurationKey() {
        assertNoProblems("environment", checks.environmentProblems());
    }

    @Test
    void everyDefaultLivesOnce() {
        assertNoProblems("restated defaults", checks.restatedDefaultProblems());
    }

    @Test
    void hostPortsAreUniqueAndReachTheServices() {
        assertNoProblems("ports", checks.portProblems());
    }

    @Test
    void healthChecksAskRealHealthEndpoints() {
        assertNoProblems("health checks", checks.healthcheckProblems());
    }

    @Test
    void kubernetesExamplesUseRealKeysPortsAndProbes() {
        assertNoProblems("Kubernetes manifests", checks.kubernetesProblems());
    }

    @Test
    void commentedSecurityExamplesUseRealKeys() {
        assertNoProblems("commented examples", checks.commentedExampleProblems());
    }

    @Test
    void serversRunTheVersionsTheBuildIsTestedWith() {
        assertNoProblems("servers", checks.serverProblems());
    }

    static void assertNoProblems(String what, List<String> problems) {
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s) with the " + what + ":\n  - "
                + String.join("\n  - ", problems));
    }
}
