package dev.radiostream.system.containers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys one service really has, read from the sources: its application.properties, the
 * META-INF/microprofile-config.properties of the shared modules it depends on (streaming-core, streaming-spark), the
 * {@code @ConfigMapping} interfaces of the service and of those modules (minus the packages the service leaves out
 * with quarkus.arc.exclude-types),
 * and the configuration keys its command-line options set (picocli descriptionKey). Environment variables are
 * compared with MicroProfile Config's mapping: upper case, every non-alphanumeric character an underscore.
 */
public final class ServiceConfig {

    /** Read by the JVM itself (the images start java directly: JAVA_OPTS would be ignored). */
    static final Set<String> JVM_ENVIRONMENT = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");
    /** Quarkus' own configuration (quarkus.*): every key of every extension maps from QUARKUS_*. */
    static final String QUARKUS_ENVIRONMENT_PREFIX = "QUARKUS_";

    private static final String CORE = "streaming-core";
    private static final String SPARK = "streaming-spark";
    private static final Pattern CONFIG_MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"[^)]*\\)[^{]*?\\binterface\\s+\\w+[^{]*\\{");
    /** An abstract method of a mapping interface at its top level: annotations, type, name(), semicolon. */
    private static final Pattern MAPPING_METHOD = Pattern.compile(
            "((?:@[\\w.]+(?:\\s*\\((?:[^()\"]|\"(?:[^\"\\\\]|\\\\.)*\")*\\))?\\s*)*)"
                    + "([\\w.]+(?:\\s*<[\\w.<>?,\\s\\[\\]]*>)?(?:\\[\\])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"");
    /** @WithDefault("value"), or @WithDefault(NAME) / @WithDefault(Type.NAME) naming a String constant. */
    private static final Pattern WITH_DEFAULT = Pattern.compile(
            "@WithDefault\\s*\\(\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([\\w.]+)\\s*\\))");
    /** A String constant in upper case: {@code NAME = "value";} (an interface's fields need no modifiers). */
    private static final Pattern STRING_CONSTANT = Pattern.compile(
            "\\bString\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*;");
    private static final Pattern DESCRIPTION_KEY = Pattern.compile("descriptionKey\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern HTTP_PATH = Pattern.compile("@Path\\s*\\(\\s*\"([^\"]+)\"\\s*\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
            + "(?:public\\s+)?(?:final\\s+)?class\\b");

    final String module;
    /** Every key (application.properties, microprofile-config.properties, mappings, options) -> its default ("" if none). */
    final Map<String, String> keys;
    /** The keys of the @ConfigMapping interfaces the service uses -> @WithDefault ("" if none). */
    final Map<String, String> mappingKeys;
    /** Normalised environment name -> key. */
    final Map<String, String> byEnvironmentName;
    final int httpPort;
    /** HTTP paths the service serves: SmallRye Health's (/q/health, /q/health/live, /q/health/ready) and its resources' @Path. */
    final Set<String> servedPaths;
    final boolean spark;
    /** Where each default lives once: @WithDefault of the mappings, then the shared modules' microprofile-config.properties. */
    final Map<String, String> defaults;
    /** What the service's own application.properties sets. */
    final Map<String, String> applicationProperties;

    private ServiceConfig(String module, Map<String, String> keys, Map<String, String> mappingKeys, int httpPort,
            Set<String> servedPaths, boolean spark, Map<String, String> defaults, Map<String, String> applicationProperties) {
        this.module = module;
        this.defaults = defaults;
        this.applicationProperties = applicationProperties;
        this.keys = keys;
        this.mappingKeys = mappingKeys;
        this.httpPort = httpPort;
        this.servedPaths = servedPaths;
        this.spark = spark;
        Map<String, String> byEnvironment = new TreeMap<>();
        keys.keySet().forEach(key -> byEnvironment.putIfAbsent(environmentName(key), key));
        this.byEnvironmentName = byEnvironment;
    }

    /** MicroProfile Config's environment variable for a key: kafka.bootstrap-servers -> KAFKA_BOOTSTRAP_SERVERS. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** SmallRye Config's default naming of mapping methods: sourcePath -> source-path, httpURLPath -> http-url-path. */
    static String kebab(String methodName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (Character.isUpperCase(c)) {
                char previous = i > 0 ? methodName.charAt(i - 1) : 0;
                boolean afterWord = i > 0 && (Character.isLowerCase(previous) || Character.isDigit(previous));
                boolean acronymEnd = i > 0 && Character.isUpperCase(previous) && i + 1 < methodName.length()
                        && Character.isLowerCase(methodName.charAt(i + 1));
                if (afterWord || acronymEnd) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static ServiceConfig load(Path root, String module) {
        Path moduleDir = root.resolve(module);
        Properties application = properties(moduleDir.resolve("src/main/resources/application.properties"));
        List<String> excludedTypes = List.of(application.getProperty("quarkus.arc.exclude-types", "").split("\\s*,\\s*"));
        // The shared modules on the service's class path: streaming-spark brings streaming-core.
        String pom = Repository.read(moduleDir.resolve("pom.xml"));
        boolean spark = pom.contains("<artifactId>" + SPARK + "</artifactId>");
        List<String> libraries = module.equals(CORE) || module.equals(SPARK) ? List.of()
                : spark ? List.of(CORE, SPARK)
                : pom.contains("<artifactId>" + CORE + "</artifactId>") ? List.of(CORE) : List.of();
        Properties shared = new Properties();
        libraries.forEach(library -> shared.putAll(properties(root.resolve(library)
                .resolve("src/main/resources/META-INF/microprofile-config.properties"))));

        Map<String, String> keys = new TreeMap<>();
        Map<String, String> mappingKeys = new TreeMap<>();
        shared.stringPropertyNames().forEach(key -> keys.put(withoutProfile(key), shared.getProperty(key)));
        application.stringPropertyNames().forEach(key -> keys.put(withoutProfile(key), application.getProperty(key)));

        Set<String> paths = new LinkedHashSet<>();
        List<Path> sources = new ArrayList<>(Repository.javaSources(moduleDir.resolve("src/main/java")));
        libraries.forEach(library -> sources.addAll(Repository.javaSources(root.resolve(library).resolve("src/main/java"))));
        // The String constants a @WithDefault may name, as Type.NAME (the type is the source file's).
        Map<String, String> constants = new TreeMap<>();
        for (Path source : sources) {
            String type = source.getFileName().toString().replace(".java", "");
            constants(withoutComments(Repository.read(source))).forEach((name, value) -> constants.put(type + "." + name, value));
        }
        for (Path source : sources) {
            String code = withoutComments(Repository.read(source));
            Matcher packageMatcher = PACKAGE.matcher(code);
            String packageName = packageMatcher.find() ? packageMatcher.group(1) : "";
            String className = packageName + "." + source.getFileName().toString().replace(".java", "");
            if (excluded(className, packageName, excludedTypes)) {
                continue;
            }
            mappingKeys(code, constants).forEach((key, value) -> {
                mappingKeys.put(key, value);
                keys.putIfAbsent(key, value);
            });
            if (source.startsWith(moduleDir)) {
                Matcher descriptionKey = DESCRIPTION_KEY.matcher(code);
                while (descriptionKey.find()) {
                    keys.putIfAbsent(descriptionKey.group(1), "");
                }
            }
            Matcher path = HTTP_PATH.matcher(code);
            while (path.find()) {
                paths.add(path.group(1).startsWith("/") ? path.group(1) : "/" + path.group(1));
            }
        }

        // SmallRye Health (a streaming-core dependency): /q/health, /q/health/live, /q/health/ready.
        if (Stream.concat(libraries.stream().map(root::resolve), Stream.of(moduleDir))
                .anyMatch(dir -> Repository.read(dir.resolve("pom.xml")).contains("<artifactId>quarkus-smallrye-health</artifactId>"))) {
            String nonApplicationRoot = trimSlashes(keys.getOrDefault("quarkus.http.non-application-root-path", "q"));
            String healthRoot = trimSlashes(keys.getOrDefault("quarkus.smallrye-health.root-path", "health"));
            String health = "/" + nonApplicationRoot + "/" + healthRoot;
            paths.add(health);
            paths.add(health + "/" + trimSlashes(keys.getOrDefault("quarkus.smallrye-health.liveness-path", "live")));
            paths.add(health + "/" + trimSlashes(keys.getOrDefault("quarkus.smallrye-health.readiness-path", "ready")));
        }
        int httpPort = Integer.parseInt(keys.getOrDefault("quarkus.http.port", "8080"));
        Map<String, String> defaults = new TreeMap<>();
        mappingKeys.forEach((key, value) -> {
            if (!value.isEmpty()) {
                defaults.put(key, value);
            }
        });
        shared.stringPropertyNames().forEach(key -> defaults.putIfAbsent(withoutProfile(key), shared.getProperty(key)));
        Map<String, String> own = new TreeMap<>();
        application.stringPropertyNames().forEach(key -> own.put(key, application.getProperty(key)));
        return new ServiceConfig(module, keys, mappingKeys, httpPort, paths, spark, defaults, own);
    }

    /**
     * Rule "a default lives once": the settings (key or environment name -> value) that set a key to its default,
     * each as "where: what". A default is changed in its one place, not restated in every file that sets the key.
     */
    List<String> restatedDefaults(String where, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        settings.forEach((name, value) -> {
            String key = defaults.containsKey(name) ? name : byEnvironmentName.get(name);
            if (key != null && !key.startsWith("quarkus.") && value != null && value.strip().equals(defaults.get(key))) {
                problems.add(where + ": " + name + "=" + value + " restates the default of " + key
                        + " (a default lives once: @WithDefault or a shared microprofile-config.properties)");
            }
        });
        return problems;
    }

    /** Empty when the environment variable sets a configuration key of this service, else why not. */
    Optional<String> problemWith(String environmentName) {
        if (JVM_ENVIRONMENT.contains(environmentName) || environmentName.startsWith(QUARKUS_ENVIRONMENT_PREFIX)
                || byEnvironmentName.containsKey(environmentName)) {
            return Optional.empty();
        }
        String why;
        if (environmentName.equals("JAVA_OPTS") || environmentName.equals("JAVA_OPTS_APPEND")) {
            why = "the image starts java directly, which does not read " + environmentName + ": use JDK_JAVA_OPTIONS";
        } else if (environmentName.startsWith("SPARK_") && spark) {
            why = "spark.* keys reach the SparkSession from the environment only when the key is listed in "
                    + "application.properties or streaming-spark's microprofile-config.properties";
        } else if (environmentName.startsWith("SPARK_")) {
            why = module + " has no Spark";
        } else if (environmentName.startsWith("ES_")) {
            why = "es.* keys reach the connector from the environment only when the key is listed in application.properties";
        } else {
            why = "no configuration key of " + module + " maps to it" + closest(environmentName).map(k -> " (did you mean "
                    + environmentName(k) + " for " + k + "?)").orElse("");
        }
        return Optional.of(environmentName + ": " + why);
    }

    private Optional<String> closest(String environmentName) {
        return keys.keySet().stream()
                .min(Comparator.comparingInt(key -> distance(environmentName(key), environmentName)))
                .filter(key -> distance(environmentName(key), environmentName) <= 3);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The keys of the @ConfigMapping interfaces in one source file -> @WithDefault ("" if none). */
    static Map<String, String> mappingKeys(String codeWithoutComments) {
        return mappingKeys(codeWithoutComments, Map.of());
    }

    /**
     * The same, where a @WithDefault may name a String constant: one of this source (NAME) or one of
     * {@code constants} (Type.NAME -> value). A constant not found is an error: its default would go unchecked.
     */
    static Map<String, String> mappingKeys(String codeWithoutComments, Map<String, String> constants) {
        Map<String, String> known = new TreeMap<>(constants);
        known.putAll(constants(codeWithoutComments));
        Map<String, String> keys = new TreeMap<>();
        Matcher mapping = CONFIG_MAPPING.matcher(codeWithoutComments);
        while (mapping.find()) {
            String prefix = mapping.group(1);
            String body = topLevel(codeWithoutComments, mapping.end());
            Matcher method = MAPPING_METHOD.matcher(body);
            while (method.find()) {
                String annotations = method.group(1);
                Matcher name = WITH_NAME.matcher(annotations);
                String key = prefix + "." + (name.find() ? name.group(1) : kebab(method.group(3)));
                Matcher defaultValue = WITH_DEFAULT.matcher(annotations);
                String value = "";
                if (defaultValue.find()) {
                    value = defaultValue.group(1) != null ? defaultValue.group(1) : known.get(defaultValue.group(2));
                    if (value == null) {
                        throw new IllegalStateException("@WithDefault(" + defaultValue.group(2) + ") of " + key
                                + ": no String constant of that name among the sources read");
                    }
                }
                keys.put(key, value);
            }
        }
        return keys;
    }

    /** The String constants of one source: NAME -> value. */
    static Map<String, String> constants(String codeWithoutComments) {
        Map<String, String> constants = new TreeMap<>();
        Matcher constant = STRING_CONSTANT.matcher(codeWithoutComments);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        return constants;
    }

    /** The text of a type body that starts after its '{', without the contents of nested blocks (method bodies, nested types). */
    private static String topLevel(String code, int start) {
        StringBuilder out = new StringBuilder();
        int depth = 1;
        for (int i = start; i < code.length() && depth > 0; i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
                if (depth == 2) {
                    out.append(c);
                }
            } else if (c == '}') {
                depth--;
                if (depth == 1) {
                    out.append(c);
                }
            } else if (depth == 1) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Java source without comments, on the same lines as in the source; string and character literals are kept as
     * they are ("http://..." survives).
     */
    public static String withoutComments(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                boolean textBlock = c == '"' && code.startsWith("\"\"\"", i);
                String end = textBlock ? "\"\"\"" : String.valueOf(c);
                int j = i + end.length();
                while (j < code.length() && !code.startsWith(end, j)) {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(code.length(), j + end.length());
                out.append(code, i, j);
                i = j;
            } else if (code.startsWith("//", i)) {
                int j = code.indexOf('\n', i);
                i = j < 0 ? code.length() : j;
            } else if (code.startsWith("/*", i)) {
                int j = code.indexOf("*/", i + 2);
                int end = j < 0 ? code.length() : j + 2;
                // Its line breaks stay, so that a line number in the result is the line in the source.
                out.append(' ').append("\n".repeat((int) code.substring(i, end).chars().filter(ch -> ch == '\n').count()));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** quarkus.arc.exclude-types: a.b.** (package and sub-packages), a.b.* (package), a simple or qualified class name. */
    static boolean excluded(String className, String packageName, List<String> patterns) {
        for (String pattern : patterns) {
            if (pattern.isBlank()) {
                continue;
            }
            if (pattern.endsWith(".**")) {
                String base = pattern.substring(0, pattern.length() - 3);
                if (packageName.equals(base) || packageName.startsWith(base + ".")) {
                    return true;
                }
            } else if (pattern.endsWith(".*")) {
                if (packageName.equals(pattern.substring(0, pattern.length() - 2))) {
                    return true;
                }
            } else if (className.equals(pattern) || className.endsWith("." + pattern)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutProfile(String key) {
        return key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static Properties properties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                properties.load(new StringReader(Repository.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }
}
