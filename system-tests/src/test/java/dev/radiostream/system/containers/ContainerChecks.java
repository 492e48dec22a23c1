package dev.radiostream.system.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The static checks of the container files: the four Dockerfiles, docker-compose.yml and .dockerignore against
 * the services' real configuration keys, ports and endpoints. Each check returns the problems it found (empty:
 * fine), so that the tests can also show that a broken file is caught.
 */
final class ContainerChecks {

    /** What a health check may ask: SmallRye Health's endpoints and the streaming services' /status. */
    static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health", "/status");

    private static final Pattern URL = Pattern.compile("https?://([^/\\s\"':]+)(?::([^/\\s\"']+))?(/[^\\s\"'?]*)?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}|\\$(\\w+)");
    /** A commented example's variable: {@code # NAME: value} (Compose) or {@code # - {name: NAME, ...}} (Kubernetes). */
    private static final Pattern COMMENTED_VARIABLE = Pattern.compile("^\\s*#\\s+(?:- \\{name: )?([A-Z][A-Z0-9_]*)[:,]\\s");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    final Path root;
    final ComposeModel compose;
    final Map<String, ServiceConfig> configs = new LinkedHashMap<>();
    final Map<String, Dockerfile> dockerfiles = new LinkedHashMap<>();

    ContainerChecks(Path root, ComposeModel compose) {
        this.root = root;
        this.compose = compose;
        for (String module : Repository.SERVICES) {
            configs.put(module, ServiceConfig.load(root, module));
            Path dockerfile = Repository.dockerfile(root, module);
            if (Files.isRegularFile(dockerfile)) {
                dockerfiles.put(module, Dockerfile.parse(dockerfile));
            }
        }
    }

    static ContainerChecks load(Path root) {
        return new ContainerChecks(root, ComposeModel.load(root.resolve(Repository.COMPOSE_FILE)));
    }

    /**
     * Compose services that run one of our images -> the module (radiostream/MODULE:TAG). Not the Spark master and
     * workers of the spark-cluster profile: they borrow a service image for its Spark jars and run
     * deploy/spark/spark-daemon.sh instead of the service.
     */
    Map<String, String> ourServices() {
        Map<String, String> ours = new TreeMap<>();
        compose.services().forEach((name, service) -> ComposeModel.image(service)
                .filter(image -> image.startsWith(Repository.IMAGE_PREFIX) && !ComposeModel.runsSparkDaemon(service))
                .ifPresent(image -> ours.put(name, moduleOf(image))));
        return ours;
    }

    static String moduleOf(String image) {
        String withoutPrefix = image.substring(Repository.IMAGE_PREFIX.length());
        int colon = withoutPrefix.indexOf(':');
        return colon < 0 ? withoutPrefix : withoutPrefix.substring(0, colon);
    }

    // ------------------------------------------------------------------------------------------------ images

    /** Each service's Dockerfile: Java 17 base, non-root, the fast-jar from target/quarkus-app, jvm.options given to java. */
    List<String> dockerfileProblems() {
        List<String> problems = new ArrayList<>();
        List<String> jvmOptions = jvmOptions();
        for (String module : Repository.SERVICES) {
            Dockerfile dockerfile = dockerfiles.get(module);
            if (dockerfile == null) {
                problems.add(module + ": no " + root.relativize(Repository.dockerfile(root, module)));
                continue;
            }
            String name = root.relativize(dockerfile.path).toString();
            String from = dockerfile.baseImage();
            if (!Pattern.compile("(^|[:/-])17([-.]|$)").matcher(from).find()) {
                problems.add(name + ": the base image is not a Java 17 one: FROM " + from);
            }
            String user = dockerfile.last("USER").orElse("root").split(":")[0];
            if (user.equals("root") || user.equals("0")) {
                problems.add(name + ": runs as root (add USER with a non-root user, e.g. USER 185)");
            }
            String app = module + "/target/quarkus-app/";
            String jvmOptionsDestination = null;
            String jarDestination = null;
            List<String> appSources = new ArrayList<>();
            for (Dockerfile.Copy copy : dockerfile.copies()) {
                if (copy.fromOtherStage()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    String clean = source.replaceFirst("^\\./", "");
                    if (clean.equals("jvm.options")) {
                        jvmOptionsDestination = copy.destination().endsWith("/")
                                ? copy.destination() + "jvm.options" : copy.destination();
                    } else if (clean.startsWith(app)) {
                        appSources.add(clean.substring(app.length()));
                        if (clean.endsWith(".jar")) {
                            jarDestination = copy.destination().endsWith("/")
                                    ? copy.destination() + "quarkus-run.jar" : copy.destination();
                        }
                    } else {
                        problems.add(name + ": COPY " + source + " is not part of " + app
                                + " (the image holds the packaged service only)");
                    }
                }
            }
            for (String part : List.of("lib/", "app/", "quarkus/")) {
                if (!appSources.contains(part) && !appSources.contains(part.substring(0, part.length() - 1))) {
                    problems.add(name + ": does not COPY " + app + part);
                }
            }
            if (jarDestination == null) {
                problems.add(name + ": does not COPY " + app + "quarkus-run.jar (or *.jar)");
            }
            List<String> entrypoint = dockerfile.last("ENTRYPOINT").map(Dockerfile::words).orElse(List.of());
            if (jarDestination != null && !entrypoint.contains(jarDestination)) {
                problems.add(name + ": ENTRYPOINT does not run " + jarDestination + ": " + entrypoint);
            }
            String jvmText = String.join(" ", entrypoint) + " " + String.join(" ", dockerfile.all("ENV"));
            boolean argFile = jvmOptionsDestination != null && entrypoint.contains("@" + jvmOptionsDestination);
            boolean inline = jvmOptions.stream().allMatch(jvmText::contains);
            if (!argFile && !inline) {
                problems.add(name + ": the JVM options of jvm.options (Spark's --add-opens for Java 17) are not given to java: "
                        + "COPY jvm.options and pass it as @argfile in ENTRYPOINT, or list every option in JDK_JAVA_OPTIONS");
            }
            int port = configs.get(module).httpPort;
            boolean exposed = dockerfile.all("EXPOSE").stream().flatMap(e -> List.of(e.split("\\s+")).stream())
                    .anyMatch(p -> p.replaceFirst("/tcp$", "").equals(String.valueOf(port)));
            if (!exposed) {
                problems.add(name + ": does not EXPOSE the service's HTTP port " + port);
            }
        }
        if (!jvmOptions.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")) {
            problems.add("jvm.options lacks --add-opens=java.base/sun.nio.ch=ALL-UNNAMED, which the services check at start");
        }
        return problems;
    }

    /** The options of jvm.options, one per line, comments and blank lines left out (as ./service reads them). */
    List<String> jvmOptions() {
        return Repository.read(root.resolve("jvm.options")).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** Every image has a Compose service that builds it from an existing context and Dockerfile, .dockerignore included. */
    List<String> buildProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> buildersByImage = new TreeMap<>();
        compose.services().forEach((name, service) -> {
            Optional<String[]> build = ComposeModel.build(service);
            Optional<String> image = ComposeModel.image(service);
            if (image.isPresent() && image.get().startsWith(Repository.IMAGE_PREFIX)
                    && !Repository.SERVICES.contains(moduleOf(image.get()))) {
                problems.add(name + ": image " + image.get() + " is not one of the services " + Repository.SERVICES);
            }
            if (build.isEmpty()) {
                return;
            }
            if (image.isEmpty() || !image.get().startsWith(Repository.IMAGE_PREFIX) || !image.get().contains(":")) {
                problems.add(name + ": builds without an image name " + Repository.IMAGE_PREFIX + "<service>:<version>");
                return;
            }
            buildersByImage.computeIfAbsent(image.get(), i -> new ArrayList<>()).add(name);
            String module = moduleOf(image.get());
            Path context = compose.directory.resolve(build.get()[0]).normalize();
            Path dockerfile = context.resolve(build.get()[1]).normalize();
            if (!Files.isDirectory(context)) {
                problems.add(name + ": build context " + build.get()[0] + " does not exist");
                return;
            }
            if (!dockerfile.equals(Repository.dockerfile(root, module))) {
                problems.add(name + ": builds " + image.get() + " from " + dockerfile + " instead of "
                        + Repository.dockerfile(root, module) + " (Quarkus' src/main/docker/Dockerfile.jvm)");
            }
            if (!Files.isRegularFile(dockerfile)) {
                problems.add(name + ": Dockerfile " + build.get()[1] + " does not exist in the context " + build.get()[0]);
                return;
            }
            List<String> ignore = Files.isRegularFile(context.resolve(".dockerignore"))
                    ? Repository.read(context.resolve(".dockerignore")).lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()
                    : List.of();
            for (Dockerfile.Copy copy : Dockerfile.parse(dockerfile).copies()) {
                if (copy.fromOtherStage()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    String clean = source.replaceFirst("^\\./", "").replaceAll("/+$", "");
                    String firstSegment = clean.split("/")[0];
                    boolean glob = clean.contains("*") || clean.contains("?");
                    if (!Files.exists(context.resolve(firstSegment)) || (!glob && !clean.contains("/target/")
                            && !Files.exists(context.resolve(clean)))) {
                        problems.add(name + ": COPY " + source + " does not exist in the build context " + context);
                    }
                    if (ignored(ignore, clean.replace("*", "x").replace("?", "x"))) {
                        problems.add(name + ": COPY " + source + " is excluded by " + context.resolve(".dockerignore"));
                    }
                }
            }
        });
        buildersByImage.forEach((image, builders) -> {
            if (builders.size() > 1) {
                problems.add(image + " is built by several services " + builders + ": build it in one, reuse the image in the others");
            }
        });
        for (String module : Repository.SERVICES) {
            boolean built = buildersByImage.keySet().stream().anyMatch(image -> moduleOf(image).equals(module));
            if (!built) {
                problems.add(module + ": no Compose service builds an image " + Repository.IMAGE_PREFIX + module);
            }
        }
        compose.services().forEach((name, service) -> ComposeModel.image(service)
                .filter(image -> image.startsWith(Repository.IMAGE_PREFIX))
                .filter(image -> ComposeModel.build(service).isEmpty() && !buildersByImage.containsKey(image))
                .ifPresent(image -> problems.add(name + ": uses " + image + ", which no service builds")));
        return problems;
    }

    /** .dockerignore semantics: the last matching pattern wins; a pattern matching a parent directory matches its content. */
    static boolean ignored(List<String> patterns, String path) {
        boolean ignored = false;
        for (String raw : patterns) {
            boolean exception = raw.startsWith("!");
            String pattern = (exception ? raw.substring(1) : raw).strip().replaceFirst("^(\\./|/)+", "").replaceAll("/+$", "");
            if (pattern.isEmpty()) {
                continue;
            }
            Pattern regex = Pattern.compile(globToRegex(pattern));
            String[] segments = path.split("/");
            for (int i = 1; i <= segments.length; i++) {
                if (regex.matcher(String.join("/", List.of(segments).subList(0, i))).matches()) {
                    ignored = !exception;
                    break;
                }
            }
        }
        return ignored;
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    // ------------------------------------------------------------------------------------------- environment

    /**
     * Every environment variable given to our services sets a real configuration key; every address whose default
     * is the loopback (127.0.0.1: the container itself) is set to a Compose service the container depends on; Kafka
     * is reached on a listener it advertises to containers; file paths point into existing read-only bind mounts.
     */
    List<String> environmentProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> services = compose.services();
        ourServices().forEach((name, module) -> {
            Map<String, Object> service = services.get(name);
            ServiceConfig config = configs.get(module);
            Map<String, String> environment = compose.environment(service);
            environment.keySet().forEach(variable -> config.problemWith(variable)
                    .ifPresent(problem -> problems.add(name + " (" + module + "): " + problem)));

            Map<String, String> dependencies = ComposeModel.dependsOn(service);
            config.mappingKeys.forEach((key, defaultValue) -> {
                if (!refersToLoopback(defaultValue)) {
                    return;
                }
                String variable = ServiceConfig.environmentName(key);
                String value = environment.get(variable);
                if (value == null || value.isBlank()) {
                    problems.add(name + ": " + key + " defaults to " + defaultValue
                            + ", the container itself: set " + variable + " to the server's Compose service");
                    return;
                }
                for (String address : value.split(",")) {
                    // An entry may be named, name=address (e.g. the services the dashboard watches).
                    String hostPort = address.strip().replaceFirst("^[A-Za-z0-9_.-]+=", "").replaceFirst("^[a-z]+://", "")
                            .replaceFirst("/.*$", "");
                    String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
                    if (!services.containsKey(host)) {
                        problems.add(name + ": " + variable + "=" + value + ": " + host + " is not a Compose service");
                        continue;
                    }
                    if (!dependencies.containsKey(host)) {
                        problems.add(name + ": " + variable + " names " + host + ", which is missing from depends_on");
                    }
                    String advertised = compose.environment(services.get(host)).get("KAFKA_ADVERTISED_LISTENERS");
                    if (advertised != null) {
                        List<String> listeners = List.of(advertised.split(",")).stream()
                                .map(l -> l.strip().replaceFirst("^[A-Za-z_]+://", ""))
                                .filter(l -> l.startsWith(host + ":")).toList();
                        if (!listeners.contains(hostPort)) {
                            problems.add(name + ": " + variable + "=" + value + " is not a listener Kafka advertises to "
                                    + "containers " + listeners);
                        }
                    }
                }
            });

            List<ComposeModel.Mount> mounts = ComposeModel.mounts(service);
            for (ComposeModel.Mount mount : mounts) {
                if (mount.bind() && !Files.exists(compose.directory.resolve(mount.source()))) {
                    problems.add(name + ": bind mount source " + mount.source() + " does not exist");
                }
                if (mount.bind() && !mount.readOnly()) {
                    problems.add(name + ": bind mount " + mount.source() + " is writable (mount it :ro)");
                }
            }
            environment.forEach((variable, value) -> {
                if (!value.startsWith("/")) {
                    return;
                }
                mounts.stream().filter(m -> value.equals(m.target()) || value.startsWith(m.target() + "/")).findFirst()
                        .ifPresentOrElse(mount -> {
                            if (mount.bind() && !Files.exists(compose.directory.resolve(mount.source())
                                    .resolve(value.substring(mount.target().length()).replaceFirst("^/", "")))) {
                                problems.add(name + ": " + variable + "=" + value + " does not exist in the mounted "
                                        + mount.source());
                            }
                        }, () -> {
                            if (variable.endsWith("_DIR") || variable.endsWith("_PATH")) {
                                problems.add(name + ": " + variable + "=" + value + " is on no volume: it is lost with the container");
                            }
                        });
            });
        });
        return problems;
    }

    private static boolean refersToLoopback(String value) {
        return value.contains("127.0.0.1") || value.contains("localhost");
    }

    // ------------------------------------------------------------------------------------------------- ports

    /** Host ports are unique; our services publish the port their HTTP server listens on. */
    List<String> portProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> users = new TreeMap<>();
        compose.services().forEach((name, service) -> ComposeModel.ports(service).stream()
                .filter(port -> port.published() != null)
                .forEach(port -> users.computeIfAbsent(port.published() + "/" + port.protocol(), p -> new ArrayList<>())
                        .add(name)));
        users.forEach((port, services) -> {
            if (services.size() > 1) {
                problems.add("host port " + port + " is published by " + services);
            }
        });
        ourServices().forEach((name, module) -> {
            int httpPort = httpPort(name, module);
            ComposeModel.ports(compose.service(name)).stream().filter(port -> port.target() != httpPort)
                    .forEach(port -> problems.add(name + ": publishes container port " + port.target()
                            + ", but the service listens on " + httpPort));
        });
        return problems;
    }

    private int httpPort(String service, String module) {
        String override = compose.environment(compose.service(service)).get("QUARKUS_HTTP_PORT");
        return override == null || override.isBlank() ? configs.get(module).httpPort : Integer.parseInt(override.strip());
    }

    // ------------------------------------------------------------------------------------------ health checks

    /**
     * Our services' health checks (the Compose file's, else the image's HEALTHCHECK) ask one of their real health
     * endpoints on their own port; every server has a health check; service_healthy dependencies have one.
     */
    List<String> healthcheckProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, String> ours = ourServices();
        Map<String, Optional<String>> effective = new TreeMap<>();
        compose.services().forEach((name, service) -> {
            Optional<String> healthcheck = ComposeModel.healthcheck(service);
            if (healthcheck.isEmpty() && ours.containsKey(name) && dockerfiles.containsKey(ours.get(name))) {
                healthcheck = dockerfiles.get(ours.get(name)).healthcheckCommand();
            }
            effective.put(name, healthcheck.filter(h -> !h.equals("NONE")));
        });
        ours.forEach((name, module) -> {
            Optional<String> healthcheck = effective.get(name);
            if (healthcheck.isEmpty()) {
                problems.add(name + ": no health check (neither in " + Repository.COMPOSE_FILE + " nor the image)");
                return;
            }
            ServiceConfig config = configs.get(module);
            Map<String, String> environment = compose.environment(compose.service(name));
            Matcher url = URL.matcher(healthcheck.get());
            boolean any = false;
            while (url.find()) {
                any = true;
                String host = url.group(1);
                String port = url.group(2) == null ? "80" : resolve(url.group(2), environment);
                String path = url.group(3) == null ? "/" : url.group(3);
                if (!LOOPBACK.contains(host)) {
                    problems.add(name + ": health check asks " + host + ", not the container itself");
                }
                if (!port.equals(String.valueOf(httpPort(name, module)))) {
                    problems.add(name + ": health check asks port " + port + ", the service listens on " + httpPort(name, module));
                }
                if (!HEALTH_PATHS.contains(path) || !config.servedPaths.contains(path)) {
                    problems.add(name + ": health check asks " + path + ", which is not a health endpoint " + module
                            + " serves " + config.servedPaths.stream().filter(HEALTH_PATHS::contains).sorted().toList());
                }
            }
            if (!any) {
                problems.add(name + ": the health check asks no HTTP endpoint: " + healthcheck.get());
            }
        });
        compose.services().forEach((name, service) -> {
            if (!ours.containsKey(name) && effective.get(name).isEmpty()) {
                problems.add(name + ": the server has no health check (depends_on: service_healthy needs one)");
            }
            ComposeModel.dependsOn(service).forEach((dependency, condition) -> {
                if (condition.equals("service_healthy") && effective.getOrDefault(dependency, Optional.empty()).isEmpty()) {
                    problems.add(name + ": waits for " + dependency + " to be healthy, but it has no health check");
                }
            });
        });
        return problems;
    }

    /** ${VAR:-default} / ${VAR-default} / $VAR with the service's environment, else the default. */
    static String resolve(String text, Map<String, String> environment) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(3);
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                value = variable.group(2) == null ? "" : variable.group(2);
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        variable.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------- kubernetes

    /** The example manifests in deploy/kubernetes: our containers' environment, ports and probes, as above. */
    /**
     * Rule "a default lives once": no service's application.properties, Compose environment or Kubernetes env sets a
     * key to the default it already has. A deployment file still names the mode each container runs, default or not:
     * that says which of a service's containers it is ({@link #MODE_VARIABLES}).
     */
    List<String> restatedDefaultProblems() {
        List<String> problems = new ArrayList<>();
        configs.forEach((module, config) -> problems.addAll(config.restatedDefaults(
                module + "/src/main/resources/application.properties", config.applicationProperties)));
        Map<String, Map<String, Object>> services = compose.services();
        ourServices().forEach((name, module) -> problems.addAll(configs.get(module).restatedDefaults(
                Repository.COMPOSE_FILE + " " + name, withoutModes(compose.environment(services.get(name))))));
        kubernetesEnvironments(root.resolve("deploy/kubernetes")).forEach((where, env) -> problems.addAll(
                configs.get(moduleOf(where.substring(where.lastIndexOf(' ') + 1))).restatedDefaults(where, withoutModes(env))));
        return problems;
    }

    /** The variables that choose a service's mode. */
    static final Set<String> MODE_VARIABLES = Set.of("PRODUCER_MODE", "KAFKA_TO_CASSANDRA_SINK_STYLE", "KAFKA_TO_ELASTIC_MODE");

    private static Map<String, String> withoutModes(Map<String, String> environment) {
        Map<String, String> rest = new LinkedHashMap<>(environment);
        rest.keySet().removeAll(MODE_VARIABLES);
        return rest;
    }

    /** "file image" -> the env of that container, for every container of ours in the Kubernetes manifests. */
    private Map<String, Map<String, String>> kubernetesEnvironments(Path directory) {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return environments;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path manifest : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Repository.read(manifest))) {
                    if (!(document instanceof Map<?, ?> map)) {
                        continue;
                    }
                    for (Object item : ComposeModel.list(podSpec(ComposeModel.cast(map)).get("containers"))) {
                        Map<String, Object> container = ComposeModel.cast(item);
                        String image = String.valueOf(container.get("image"));
                        if (!image.startsWith(Repository.IMAGE_PREFIX) || !configs.containsKey(moduleOf(image))) {
                            continue;
                        }
                        Map<String, String> env = environments.computeIfAbsent(manifest.getFileName() + " " + image,
                                k -> new LinkedHashMap<>());
                        for (Object variable : ComposeModel.list(container.get("env"))) {
                            Map<String, Object> spec = ComposeModel.cast(variable);
                            if (spec.get("value") != null) {
                                env.put(String.valueOf(spec.get("name")), String.valueOf(spec.get("value")));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environments;
    }

    List<String> kubernetesProblems() {
        return kubernetesProblems(root.resolve("deploy/kubernetes"));
    }

    List<String> kubernetesProblems(Path directory) {
        List<String> problems = new ArrayList<>();
        for (Path manifest : kubernetesManifests(directory)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Repository.read(manifest))) {
                if (!(document instanceof Map<?, ?> map)) {
                    continue;
                }
                Map<String, Object> resource = ComposeModel.cast(map);
                String where = manifest.getFileName() + " " + resource.get("kind") + " "
                        + ComposeModel.cast(resource.getOrDefault("metadata", Map.of())).get("name");
                Map<String, Object> podSpec = podSpec(resource);
                for (Object item : ComposeModel.list(podSpec.get("containers"))) {
                    Map<String, Object> container = ComposeModel.cast(item);
                    String image = String.valueOf(container.get("image"));
                    if (!image.startsWith(Repository.IMAGE_PREFIX)) {
                        continue;
                    }
                    String module = moduleOf(image);
                    ServiceConfig config = configs.get(module);
                    if (config == null) {
                        problems.add(where + ": " + image + " is not one of the services");
                        continue;
                    }
                    for (Object variable : ComposeModel.list(container.get("env"))) {
                        String name = String.valueOf(ComposeModel.cast(variable).get("name"));
                        config.problemWith(name).ifPresent(problem -> problems.add(where + ": " + problem));
                    }
                    Map<String, Integer> ports = new LinkedHashMap<>();
                    for (Object port : ComposeModel.list(container.get("ports"))) {
                        Map<String, Object> spec = ComposeModel.cast(port);
                        int number = Integer.parseInt(String.valueOf(spec.get("containerPort")));
                        ports.put(String.valueOf(spec.getOrDefault("name", number)), number);
                        if (number != config.httpPort) {
                            problems.add(where + ": containerPort " + number + ", the service listens on " + config.httpPort);
                        }
                    }
                    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                        if (!(container.get(probe) instanceof Map<?, ?> probeSpec)
                                || !(probeSpec.get("httpGet") instanceof Map<?, ?> httpGet)) {
                            continue;
                        }
                        String path = String.valueOf(httpGet.get("path"));
                        Object port = httpGet.get("port");
                        Integer number = ports.containsKey(String.valueOf(port)) ? ports.get(String.valueOf(port))
                                : port instanceof Integer i ? i : null;
                        if (!HEALTH_PATHS.contains(path) || !config.servedPaths.contains(path)) {
                            problems.add(where + ": " + probe + " asks " + path + ", which is not a health endpoint " + module + " serves");
                        }
                        if (number == null || number != config.httpPort) {
                            problems.add(where + ": " + probe + " asks port " + port + ", the service listens on " + config.httpPort);
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static List<Path> kubernetesManifests(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The commented examples (the secured servers' variables) must work once uncommented: each variable sets a key of
     * some service; {@code <VARIABLE>_FILE} the key of {@code <VARIABLE>} (streaming-core's FileSecretsConfigSource).
     */
    List<String> commentedExampleProblems() {
        List<String> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(root.resolve(Repository.COMPOSE_FILE)));
        files.addAll(kubernetesManifests(root.resolve("deploy/kubernetes")));
        int examples = 0;
        for (Path file : files) {
            for (String line : Repository.read(file).split("\n")) {
                Matcher matcher = COMMENTED_VARIABLE.matcher(line);
                if (!matcher.find()) {
                    continue;
                }
                examples++;
                String variable = matcher.group(1);
                String keyVariable = variable.endsWith("_FILE") ? variable.substring(0, variable.length() - 5) : variable;
                if (configs.values().stream().allMatch(config -> config.problemWith(keyVariable).isPresent())) {
                    problems.add(file.getFileName() + ": the commented " + variable + " sets no configuration key of any service");
                }
            }
        }
        if (examples == 0) {
            problems.add("no commented example found: the pattern no longer matches the files");
        }
        return problems;
    }

    private static Map<String, Object> podSpec(Map<String, Object> resource) {
        Object spec = resource.get("spec");
        if (!(spec instanceof Map<?, ?>)) {
            return Map.of();
        }
        Map<String, Object> current = ComposeModel.cast(spec);
        if (current.get("jobTemplate") instanceof Map<?, ?> jobTemplate) { // CronJob
            current = ComposeModel.cast(ComposeModel.cast(jobTemplate).getOrDefault("spec", Map.of()));
        }
        if (current.get("template") instanceof Map<?, ?> template) { // Deployment, StatefulSet, Job, ...
            Object templateSpec = ComposeModel.cast(template).get("spec");
            return templateSpec instanceof Map<?, ?> ? ComposeModel.cast(templateSpec) : Map.of();
        }
        return current; // Pod
    }

    // --------------------------------------------------------------------------------------------- versions

    /** The servers run the versions the local stack and the connectors are built and tested with; no ZooKeeper. */
    List<String> serverProblems() {
        List<String> problems = new ArrayList<>();
        String pom = Repository.read(root.resolve("pom.xml"));
        Map<String, String> images = compose.services().entrySet().stream()
                .filter(e -> ComposeModel.image(e.getValue()).isPresent())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ComposeModel.image(e.getValue()).get(),
                        (a, b) -> a, TreeMap::new));
        expectTag(problems, images, "apache/kafka", property(pom, "stack.kafka.version"));
        expectTag(problems, images, "cassandra", property(pom, "stack.cassandra.version"));
        expectTag(problems, images, "docker.elastic.co/elasticsearch/elasticsearch", property(pom, "elasticsearch-spark.version"));
        expectTag(problems, images, "docker.elastic.co/kibana/kibana", property(pom, "elasticsearch-spark.version"));
        images.forEach((name, image) -> {
            if (image.toLowerCase().contains("zookeeper")) {
                problems.add(name + ": ZooKeeper is not wanted: Kafka runs in KRaft mode");
            }
            if (image.startsWith("apache/kafka:")
                    && !compose.environment(compose.service(name)).containsKey("KAFKA_PROCESS_ROLES")) {
                problems.add(name + ": KAFKA_PROCESS_ROLES is not set: the broker would not run in KRaft mode");
            }
        });
        return problems;
    }

    private static void expectTag(List<String> problems, Map<String, String> images, String repository, String version) {
        List<String> services = images.entrySet().stream().filter(e -> e.getValue().startsWith(repository + ":"))
                .map(Map.Entry::getKey).toList();
        if (services.isEmpty()) {
            problems.add("no service runs " + repository);
        }
        for (String service : services) {
            String tag = images.get(service).substring(repository.length() + 1);
            if (!tag.equals(version)) {
                problems.add(service + ": " + repository + ":" + tag + ", but the build uses " + version
                        + " (root pom.xml): keep them the same");
            }
        }
    }

    private static String property(String pom, String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        return matcher.find() ? matcher.group(1).strip() : "?";
    }
}
