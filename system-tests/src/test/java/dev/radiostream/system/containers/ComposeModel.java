package dev.radiostream.system.containers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as plain maps and lists. SnakeYAML (under jackson-dataformat-yaml) resolves anchors,
 * aliases and merge keys (<<) like Compose does, so extension fields (x-...) are seen as Compose sees them.
 */
final class ComposeModel {

    /** One published port: host port (null when only the container port is given), container port, protocol. */
    record Port(String hostIp, Integer published, int target, String protocol) {
    }

    /** One volume entry: a bind mount (source is a path) or a named volume. */
    record Mount(String source, String target, boolean readOnly, boolean bind) {
    }

    final Map<String, Object> root;
    final Path directory;

    ComposeModel(Map<String, Object> root, Path directory) {
        this.root = root;
        this.directory = directory;
    }

    static ComposeModel parse(String yaml, Path directory) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(loaded instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a Compose file: the top level is not a mapping");
        }
        return new ComposeModel(cast(loaded), directory);
    }

    static ComposeModel load(Path file) {
        return parse(Repository.read(file), file.getParent());
    }

    Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        Object value = root.get("services");
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, service) -> services.put(String.valueOf(name),
                    service instanceof Map<?, ?> ? cast(service) : new LinkedHashMap<>()));
        }
        return services;
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    static Optional<String> image(Map<String, Object> service) {
        return Optional.ofNullable(service.get("image")).map(String::valueOf);
    }

    /** Whether the service's entrypoint runs deploy/spark/spark-daemon.sh (a Spark master or worker), not a service. */
    static boolean runsSparkDaemon(Map<String, Object> service) {
        return list(service.get("entrypoint")).stream().anyMatch(part -> String.valueOf(part).endsWith("/spark-daemon.sh"));
    }

    /** The build context and Dockerfile (relative to the context; default Dockerfile), if the service builds. */
    static Optional<String[]> build(Map<String, Object> service) {
        Object build = service.get("build");
        if (build == null) {
            return Optional.empty();
        }
        if (build instanceof Map<?, ?> map) {
            Object context = map.get("context");
            Object dockerfile = map.get("dockerfile");
            return Optional.of(new String[] { context == null ? "." : String.valueOf(context),
                    dockerfile == null ? "Dockerfile" : String.valueOf(dockerfile) });
        }
        return Optional.of(new String[] { String.valueOf(build), "Dockerfile" });
    }

    /** environment (mapping or KEY=VALUE list) plus env_file entries; a variable without value maps to "". */
    Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object envFile : list(service.get("env_file"))) {
            Object path = envFile instanceof Map<?, ?> map ? map.get("path") : envFile;
            Path file = directory.resolve(String.valueOf(path));
            if (java.nio.file.Files.isRegularFile(file)) {
                for (String line : Repository.read(file).split("\\R")) {
                    String trimmed = line.strip();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                        int eq = trimmed.indexOf('=');
                        environment.put(eq < 0 ? trimmed : trimmed.substring(0, eq).strip(), eq < 0 ? "" : trimmed.substring(eq + 1));
                    }
                }
            }
        }
        Object value = service.get("environment");
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> environment.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            for (Object entry : list(value)) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                environment.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        }
        return environment;
    }

    /** ports in short ("[ip:][host:]container[/protocol]", ranges expanded) or long syntax. */
    static List<Port> ports(Map<String, Object> service) {
        List<Port> ports = new ArrayList<>();
        for (Object entry : list(service.get("ports"))) {
            if (entry instanceof Map<?, ?> map) {
                Object published = map.get("published");
                ports.add(new Port(map.get("host_ip") == null ? "" : String.valueOf(map.get("host_ip")),
                        published == null ? null : Integer.valueOf(String.valueOf(published)),
                        Integer.parseInt(String.valueOf(map.get("target"))),
                        map.get("protocol") == null ? "tcp" : String.valueOf(map.get("protocol"))));
                continue;
            }
            String text = String.valueOf(entry);
            String protocol = "tcp";
            int slash = text.lastIndexOf('/');
            if (slash >= 0) {
                protocol = text.substring(slash + 1);
                text = text.substring(0, slash);
            }
            String[] parts = text.split(":");
            String containerPart = parts[parts.length - 1];
            String hostPart = parts.length >= 2 ? parts[parts.length - 2] : null;
            String hostIp = parts.length >= 3 ? String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2)) : "";
            int[] containerRange = range(containerPart);
            int[] hostRange = hostPart == null || hostPart.isEmpty() ? null : range(hostPart);
            for (int i = 0; i <= containerRange[1] - containerRange[0]; i++) {
                ports.add(new Port(hostIp, hostRange == null ? null : hostRange[0] + i, containerRange[0] + i, protocol));
            }
        }
        return ports;
    }

    static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object entry : list(service.get("volumes"))) {
            if (entry instanceof Map<?, ?> map) {
                String source = map.get("source") == null ? "" : String.valueOf(map.get("source"));
                mounts.add(new Mount(source, String.valueOf(map.get("target")), Boolean.TRUE.equals(map.get("read_only")),
                        "bind".equals(String.valueOf(map.get("type")))));
                continue;
            }
            String[] parts = String.valueOf(entry).split(":");
            if (parts.length == 1) {
                mounts.add(new Mount("", parts[0], false, false)); // anonymous volume
                continue;
            }
            boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/") || parts[0].startsWith("~");
            boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
            mounts.add(new Mount(parts[0], parts[1], readOnly, bind));
        }
        return mounts;
    }

    /** depends_on as service -> condition (service_started for the list form). */
    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> dependencies = new LinkedHashMap<>();
        Object value = service.get("depends_on");
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, spec) -> dependencies.put(String.valueOf(name), spec instanceof Map<?, ?> s
                    && s.get("condition") != null ? String.valueOf(s.get("condition")) : "service_started"));
        } else {
            list(value).forEach(name -> dependencies.put(String.valueOf(name), "service_started"));
        }
        return dependencies;
    }

    /**
     * The healthcheck command of the Compose file: empty when there is none, "NONE" when disabled
     * (disable: true or test: ["NONE"]), else the command as one string.
     */
    static Optional<String> healthcheck(Map<String, Object> service) {
        Object value = service.get("healthcheck");
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(map.get("disable"))) {
            return Optional.of("NONE");
        }
        Object test = map.get("test");
        if (test instanceof List<?> words) {
            if (words.isEmpty()) {
                return Optional.empty();
            }
            String kind = String.valueOf(words.get(0));
            if (kind.equals("NONE")) {
                return Optional.of("NONE");
            }
            List<String> command = words.stream().map(String::valueOf).toList();
            return Optional.of(String.join(" ", kind.equals("CMD") || kind.equals("CMD-SHELL")
                    ? command.subList(1, command.size()) : command));
        }
        return test == null ? Optional.empty() : Optional.of(String.valueOf(test));
    }

    private static int[] range(String text) {
        String[] bounds = text.split("-");
        int low = Integer.parseInt(bounds[0].strip());
        int high = bounds.length > 1 ? Integer.parseInt(bounds[1].strip()) : low;
        return new int[] { low, high };
    }

    static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
