package dev.radiostream.system.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.radiostream.system.containers.Repository;

/** The CQL rule holds on the repository, and catches each way of gluing a name into CQL in a broken copy. */
class CqlIdentifierRuleTest {

    @Test
    void theRepositoryBuildsCqlFromIdentifiers() {
        assertEquals(List.of(), CqlIdentifierRule.check(Repository.root()));
    }

    @Test
    void theRuleReadsEveryModuleAndTheProjectsOutsideTheBuild(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project><modules><module>a-service</module></modules></project>");
        String glued = """
                /**
                 * A comment of three lines: the violation is still reported on its line of the file.
                 */
                class G { void drop(com.datastax.oss.driver.api.core.CqlSession s, String keyspace) {
                    s.execute("DROP KEYSPACE IF EXISTS " + keyspace); } }
                """;
        for (String project : List.of("a-service", "benchmarks")) {
            Path sources = Files.createDirectories(root.resolve(project).resolve("src/main/java/x"));
            Files.writeString(sources.resolve("G.java"), glued);
        }
        Files.writeString(root.resolve("benchmarks/pom.xml"), "<project/>");
        // A directory without a pom.xml is no project: not read.
        Files.createDirectories(root.resolve("docs/src/main/java"));
        Files.writeString(root.resolve("docs/src/main/java/G.java"), glued);

        List<String> violations = CqlIdentifierRule.check(root);
        assertEquals(2, violations.size(), violations::toString);
        assertTrue(violations.get(0).startsWith("a-service/src/main/java/x/G.java:5: "), violations::toString);
        assertTrue(violations.get(1).startsWith("benchmarks/src/main/java/x/G.java:5: "), violations::toString);
        assertTrue(CqlIdentifierRule.projects(Repository.root()).contains("benchmarks"), "./bench's project is read");
    }

    @Test
    void gluedStatementsAreReportedWithTheRuleName() {
        String broken = """
                package x;
                import com.datastax.oss.driver.api.core.CqlSession;
                class Broken {
                    void create(CqlSession session, String keyspace, String table) {
                        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".song_counts (radio text PRIMARY KEY)");
                        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
                        session.prepare(String.format("SELECT * FROM %s.%s WHERE radio = ?", keyspace, table));
                        session.prepare("INSERT INTO %s (radio) VALUES (?)".formatted(table));
                        String qualified = keyspace
                                + ".kafka_offsets";
                        session.execute(\"""
                                DELETE FROM \""" + qualified);
                    }
                }
                """;
        List<String> violations = CqlIdentifierRule.check("Broken.java", broken);
        // The CREATE TABLE line counts twice: the statement and its ".song_counts" glued to the keyspace.
        assertEquals(7, violations.size(), violations::toString);
        assertTrue(violations.stream().allMatch(v -> v.contains(CqlIdentifierRule.NAME)), violations::toString);
        assertTrue(violations.get(0).startsWith("Broken.java:5: "), violations::toString);
        assertTrue(violations.get(5).startsWith("Broken.java:10: ") && violations.get(5).contains("\".kafka_offsets\""),
                violations::toString);
    }

    @Test
    void identifiersFixedQueriesAndOtherStringsPass() {
        String fine = """
                package x;
                import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
                import com.datastax.oss.driver.api.core.CqlIdentifier;
                import com.datastax.oss.driver.api.core.CqlSession;
                class Fine {
                    void read(CqlSession session, String keyspace, String topic) {
                        session.execute(selectFrom(CqlIdentifier.fromInternal(keyspace), CqlIdentifier.fromInternal("t")).all().build());
                        session.execute("SELECT release_version FROM system.local");
                        // session.execute("SELECT * FROM " + keyspace + ".t"); a comment does not count
                        System.out.println("Created topic " + topic + " in " + keyspace);
                        System.out.println("Delete the checkpoint of " + topic + " first");
                        java.nio.file.Path log = java.nio.file.Path.of(topic + ".txt");
                    }
                }
                """;
        assertEquals(List.of(), CqlIdentifierRule.check("Fine.java", fine));
        // A column path in a Spark class is not CQL.
        assertEquals(List.of(), CqlIdentifierRule.check("Spark.java", "class S { Object c = col(PARSED + \".\" + name); }"));
    }
}
