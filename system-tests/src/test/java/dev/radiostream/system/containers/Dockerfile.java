package dev.radiostream.system.containers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The instructions of a Dockerfile: continuation lines joined, comments left out. Enough for static checks. */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {
    }

    /** A COPY or ADD: its sources (relative to the build context) and destination. */
    record Copy(List<String> sources, String destination, boolean fromOtherStage) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path path;
    final List<Instruction> instructions;

    private Dockerfile(Path path, List<Instruction> instructions) {
        this.path = path;
        this.instructions = instructions;
    }

    static Dockerfile parse(Path path) {
        return parse(path, Repository.read(path));
    }

    static Dockerfile parse(Path path, String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue; // comments may also sit between continuation lines
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().strip();
            current.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            int space = instruction.indexOf(' ');
            String keyword = (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : instruction.substring(space + 1).strip();
            instructions.add(new Instruction(keyword, arguments));
        }
        return new Dockerfile(path, List.copyOf(instructions));
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    Optional<String> last(String keyword) {
        List<String> all = all(keyword);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The image of the last FROM, with a build argument ({@code FROM ${BASE_IMAGE}}) replaced by its default from
     * the ARG line before it: what a build without --build-arg uses.
     */
    String baseImage() {
        String from = last("FROM").orElse("").split("\\s+")[0];
        Matcher reference = Pattern.compile("^\\$\\{?(\\w+)\\}?$").matcher(from);
        if (!reference.matches()) {
            return from;
        }
        String prefix = reference.group(1) + "=";
        return all("ARG").stream().filter(arg -> arg.startsWith(prefix)).reduce((first, second) -> second)
                .map(arg -> arg.substring(prefix.length()).replaceAll("^\"|\"$", "")).orElse(from);
    }

    List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (!instruction.keyword().equals("COPY") && !instruction.keyword().equals("ADD")) {
                continue;
            }
            List<String> words = words(instruction.arguments());
            boolean fromStage = words.stream().anyMatch(w -> w.startsWith("--from="));
            List<String> paths = words.stream().filter(w -> !w.startsWith("--")).toList();
            if (paths.size() >= 2) {
                copies.add(new Copy(paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1), fromStage));
            }
        }
        return copies;
    }

    /** The exec-form (JSON array) or shell-form words of ENTRYPOINT / CMD / COPY arguments. */
    static List<String> words(String arguments) {
        String trimmed = arguments.strip();
        if (trimmed.startsWith("[")) {
            try {
                return List.of(JSON.readValue(trimmed, String[].class));
            } catch (JsonProcessingException e) {
                // not JSON after all: shell form
            }
        }
        return List.of(trimmed.split("\\s+"));
    }

    /** The HEALTHCHECK command (after its options), or empty when there is none or it is NONE. */
    Optional<String> healthcheckCommand() {
        Optional<String> healthcheck = last("HEALTHCHECK");
        if (healthcheck.isEmpty() || healthcheck.get().strip().equalsIgnoreCase("NONE")) {
            return Optional.empty();
        }
        String arguments = healthcheck.get();
        int cmd = arguments.indexOf("CMD ");
        return Optional.of(cmd < 0 ? arguments : arguments.substring(cmd + 4).strip());
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
