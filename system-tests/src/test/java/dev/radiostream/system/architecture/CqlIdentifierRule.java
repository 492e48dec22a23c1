package dev.radiostream.system.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.radiostream.system.containers.Repository;
import dev.radiostream.system.containers.ServiceConfig;

/**
 * Architecture rule "CQL identifiers are never concatenated": main code builds CQL with the driver's QueryBuilder
 * and SchemaBuilder from CqlIdentifiers. A string literal holding a CQL statement may stand alone (a fixed query),
 * but is never joined with {@code +}, String.format or formatted(), and a Cassandra class never glues
 * {@code keyspace + ".table"} into a qualified name. A heuristic on the source text, tested in CqlIdentifierRuleTest.
 */
final class CqlIdentifierRule {

    static final String NAME = "Architecture rule \"CQL identifiers are never concatenated\"";

    /**
     * A string literal (text blocks too), with what stands right before and after it. Written unrolled, a loop
     * only at an escape or a lone quote: a loop over every character recursed once per character in the regex
     * engine and overflowed the stack on a long text block.
     */
    private static final Pattern LITERAL = Pattern.compile("\"\"\"[^\\\\\"]*+(?:(?:\\\\.|\"(?!\"\"))[^\\\\\"]*+)*+\"\"\""
            + "|\"[^\"\\\\\\n]*+(?:\\\\.[^\"\\\\\\n]*+)*+\"");
    private static final Pattern CQL_STATEMENT = Pattern.compile("^\\s*(?:SELECT\\s.*\\bFROM\\b|SELECT\\s*$|INSERT\\s+INTO\\b"
            + "|UPDATE\\s+\\S+|DELETE\\s|CREATE\\s+(?:TABLE|KEYSPACE|INDEX|TYPE|MATERIALIZED\\s+VIEW)\\b"
            + "|DROP\\s+(?:TABLE|KEYSPACE|INDEX|TYPE)\\b|ALTER\\s+(?:TABLE|KEYSPACE)\\b|TRUNCATE\\b|USE\\s)", Pattern.DOTALL);
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("^\"\\.[A-Za-z_]");

    private CqlIdentifierRule() {
    }

    /** The violations in the main code of every project of the repository (see {@link #projects}). */
    static List<String> check(Path root) {
        List<String> violations = new ArrayList<>();
        for (String project : projects(root)) {
            for (Path source : Repository.javaSources(root.resolve(project).resolve("src/main/java"))) {
                violations.addAll(check(root.relativize(source).toString(), Repository.read(source)));
            }
        }
        return violations;
    }

    /**
     * The modules of the build (the root pom's), and the Maven projects beside them that the build leaves out but
     * that talk to Cassandra all the same: a top-level directory with a pom.xml of its own, as benchmarks/ (built by
     * ./bench).
     */
    static Set<String> projects(Path root) {
        Set<String> projects = new TreeSet<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Repository.read(root.resolve("pom.xml")));
        while (module.find()) {
            projects.add(module.group(1).strip());
        }
        try (Stream<Path> directories = Files.list(root)) {
            directories.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .forEach(d -> projects.add(d.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return projects;
    }

    /** The violations in one Java source, each as "file:line: rule: what". */
    static List<String> check(String file, String javaSource) {
        String code = ServiceConfig.withoutComments(javaSource);
        boolean cassandraCode = code.contains("com.datastax.");
        List<String> violations = new ArrayList<>();
        Matcher literal = LITERAL.matcher(code);
        while (literal.find()) {
            String text = literal.group();
            String before = code.substring(0, literal.start()).stripTrailing();
            String after = code.substring(literal.end()).stripLeading();
            boolean joined = before.endsWith("+") || after.startsWith("+") || after.startsWith(".formatted(")
                    || before.matches("(?s).*String\\s*\\.\\s*format\\s*\\(\\s*$");
            String body = text.startsWith("\"\"\"") ? text.substring(3, text.length() - 3) : text.substring(1, text.length() - 1);
            String problem = null;
            if (joined && CQL_STATEMENT.matcher(body).find()) {
                problem = "a CQL statement built by joining strings: " + text;
            } else if (joined && cassandraCode && QUALIFIED_NAME_PART.matcher(text).find()
                    && nearKeyspace(code, literal.start(), literal.end())) {
                problem = "a keyspace-qualified name glued together: " + text;
            }
            if (problem != null) {
                int line = 1 + (int) code.substring(0, literal.start()).chars().filter(c -> c == '\n').count();
                violations.add(file + ":" + line + ": " + NAME + ": " + problem
                        + " (build it with QueryBuilder/SchemaBuilder and CqlIdentifier)");
            }
        }
        return violations;
    }

    /** Whether a keyspace is named within the statement around a literal (".txt" after a file name is no table). */
    private static boolean nearKeyspace(String code, int start, int end) {
        String around = code.substring(Math.max(0, start - 80), Math.min(code.length(), end + 80));
        return around.toLowerCase(Locale.ROOT).contains("keyspace");
    }
}
